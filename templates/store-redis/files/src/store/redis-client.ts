import { createClient, createCluster, createSentinel } from 'redis';
import type { Logger } from '../logger.js';
import type { RedisTopology } from './config.js';

/** The one Redis connection of the application, whatever the topology. */
export interface RedisConnection {
  /** Runs a Lua script; with a Cluster, every key it touches must share the first key's slot. */
  run(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  /** Resolves when Redis answers a PING. */
  ping(): Promise<void>;
  /** The node-redis client itself, for rate-limiter-flexible. */
  client: unknown;
  /** Where Redis is expected, for log lines: never holds a password. */
  address: string;
  /** Resolves once Redis is first reachable, or after `waitMs`, whichever comes first. */
  firstContact(waitMs: number): Promise<void>;
  close(): Promise<void>;
}

interface ConnectionSettings {
  topology: RedisTopology;
  commandTimeoutMs: number;
}

/** Host and port of a redis:// URL, without credentials. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}`;
}

function describe(topology: RedisTopology): string {
  if (topology.type === 'sentinel') {
    const nodes = topology.nodes.map((node) => `${node.host}:${node.port}`).join(', ');
    return `sentinel ${topology.name} via ${nodes}`;
  }
  if (topology.type === 'cluster')
    return `cluster via ${topology.nodes.map(describeUrl).join(', ')}`;
  return describeUrl(topology.url);
}

/**
 * Options every node connection gets: commands fail at once while disconnected (no offline
 * queue) and after `commandTimeoutMs` when Redis stops answering, so a request turns into a 503
 * quickly instead of hanging; reconnection goes on in the background, capped at two seconds.
 */
function nodeOptions(commandTimeoutMs: number) {
  return {
    disableOfflineQueue: true,
    // rejectInFlight extends the timeout to commands already sent: a Redis that hangs holds
    // their replies, and without it they would wait as long as the connection stays open.
    commandOptions: { timeout: commandTimeoutMs, rejectInFlight: true },
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
    },
  };
}

/**
 * Opens the connection without waiting for Redis: the server starts, logs where Redis should
 * be, and answers 503 until Redis is reachable.
 */
export function openRedis(
  { topology, commandTimeoutMs }: ConnectionSettings,
  logger: Logger,
): RedisConnection {
  const address = describe(topology);
  let reachable: boolean | undefined;
  let contacted: () => void = () => undefined;
  const contact = new Promise<void>((resolve) => (contacted = resolve));
  const onError = (error: unknown) => {
    if (reachable === false) return;
    reachable = false;
    logger.error(
      {
        event: 'redis_unavailable',
        address,
        err: error instanceof Error ? error.message : String(error),
      },
      `cannot reach Redis at ${address}; retrying`,
    );
  };
  const onReady = () => {
    contacted();
    if (reachable === true) return;
    reachable = true;
    logger.info({ event: 'redis_ready', address }, `connected to Redis at ${address}`);
  };

  const options = nodeOptions(commandTimeoutMs);
  const { username, password, pathname } = new URL(topology.url);
  const credentials = {
    ...(username === '' ? {} : { username: decodeURIComponent(username) }),
    ...(password === '' ? {} : { password: decodeURIComponent(password) }),
  };

  if (topology.type === 'sentinel') {
    // Limitation: the Sentinels themselves are asked without credentials; those of REDIS_URL go
    // to the master and its replicas only.
    const database = Number(pathname.slice(1) || '0');
    const sentinel = createSentinel({
      name: topology.name,
      sentinelRootNodes: topology.nodes,
      // After a failed command node-redis asks the Sentinels for the master again and retries,
      // a second apart, 16 times by default: a group that is down would hold a request for 16
      // seconds. One retry still follows a failover that has happened; during one, requests
      // answer 503.
      maxCommandRediscovers: 1,
      nodeClientOptions: { ...options, ...credentials, database },
      sentinelClientOptions: { socket: options.socket },
    });
    return track(sentinel, {
      run: (script, keys, args) => sentinel.eval(script, { keys, arguments: args.map(String) }),
      ping: async () => {
        await sentinel.ping();
      },
      client: sentinel,
      address,
      close: async () => {
        await sentinel.close();
      },
    });
  }

  if (topology.type === 'cluster') {
    const cluster = createCluster({
      rootNodes: topology.nodes.map((url) => ({ url })),
      defaults: { ...options, ...credentials },
    });
    return track(cluster, {
      run: (script, keys, args) => cluster.eval(script, { keys, arguments: args.map(String) }),
      ping: async () => {
        // A cluster answers when the node that owns a key answers.
        await cluster.eval('return 1', { keys: ['ping'], arguments: [] });
      },
      client: cluster,
      address,
      close: async () => {
        await cluster.close();
      },
    });
  }

  const client = createClient({ url: topology.url, ...options });
  return track(client, {
    run: (script, keys, args) => client.eval(script, { keys, arguments: args.map(String) }),
    ping: async () => {
      await client.ping();
    },
    client,
    address,
    close: async () => {
      await client.close();
    },
  });

  /** Logs state changes once each and keeps connecting until Redis answers. */
  function track(
    emitter: {
      on(event: string, listener: (...args: unknown[]) => void): unknown;
      connect(): Promise<unknown>;
    },
    connection: Omit<RedisConnection, 'firstContact'>,
  ): RedisConnection {
    emitter.on('error', onError);
    emitter.on('ready', onReady);
    let closed = false;
    const connect = () => {
      // A single client retries by itself; Cluster and Sentinel discovery gives up, so retry here.
      emitter.connect().then(onReady, (error: unknown) => {
        onError(error);
        if (!closed) setTimeout(connect, 2000).unref();
      });
    };
    connect();
    return {
      ...connection,
      firstContact: async (waitMs) => {
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
        await Promise.race([contact, waited]);
        clearTimeout(timer);
      },
      close: async () => {
        closed = true;
        await connection.close().catch(() => undefined);
      },
    };
  }
}
