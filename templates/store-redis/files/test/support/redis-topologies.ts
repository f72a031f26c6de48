import { withRedis } from './redis-admin.js';
import { type OwnRedisServer, freePort, ownRedisServer } from './redis-server.js';

const readyLimitMs = 20_000;

/** Polls `check` every 100 ms until it holds; throws `what` after `readyLimitMs`. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + readyLimitMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Hands out free ports, each once: two probes in a row may be given the same port. */
function freePortSource(): () => Promise<number> {
  const given = new Set<number>();
  return async () => {
    let port = await freePort();
    while (given.has(port)) port = await freePort();
    given.add(port);
    return port;
  };
}

/** Starts every server in order, and removes them all when one fails to start. */
async function startAll(servers: OwnRedisServer[]): Promise<void> {
  try {
    for (const server of servers) await server.start();
  } catch (error) {
    await removeAll(servers);
    throw error;
  }
}

async function removeAll(servers: OwnRedisServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.remove()));
}

/** The `INFO` section `section` of the server at `url` as fields. */
async function info(url: string, section: string): Promise<Record<string, string>> {
  const text = await withRedis(url, (client) => client.info(section));
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  );
}

/** A master, its replica and a Sentinel watching them, all of the test's own. */
export interface OwnSentinelGroup {
  /** The master name the Sentinel monitors: REDIS_SENTINEL_NAME. */
  name: string;
  /** The Sentinel's host:port: REDIS_SENTINEL_NODES. */
  sentinelNodes: string;
  /** The redis:// URL of the server the Sentinel names master right now. */
  masterUrl(): Promise<string>;
  /** The redis:// URL of the server that is a replica right now. */
  replicaUrl(): Promise<string>;
  /**
   * Makes the replica the master (SENTINEL FAILOVER) and resolves once the Sentinel names it and
   * it takes writes. The Sentinel turns the old master into a replica some seconds later.
   */
  failover(): Promise<void>;
  /**
   * Kills the master's process, as a crash would, once the replica has every write; resolves
   * when the Sentinel has found the master down and promoted the replica, which takes writes.
   */
  crashMaster(): Promise<void>;
  /** Ends every process of the group, as an outage would; their folders stay. */
  stopAll(): Promise<void>;
  /**
   * Starts every process again with the roles it started with, so use it only when no failover
   * happened; resolves once the replica is in sync. Redis kept no data over the outage.
   */
  startAll(): Promise<void>;
  /** Stops every process of the group and deletes their folders. */
  remove(): Promise<void>;
}

/** Starts a Sentinel group on free ports of 127.0.0.1; the Sentinel knows the replica on return. */
export async function ownSentinelGroup(name = 'auth-master'): Promise<OwnSentinelGroup> {
  const nextPort = freePortSource();
  // Without the delay, the replica's first full copy starts at once instead of after 5 seconds.
  const master = ownRedisServer(await nextPort(), { args: ['--repl-diskless-sync-delay', '0'] });
  const replica = ownRedisServer(await nextPort(), {
    args: ['--replicaof', '127.0.0.1', String(master.port)],
  });
  const sentinel = ownRedisServer(await nextPort(), {
    sentinelConfig: [
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 1`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 10000`,
    ],
  });
  const servers = [master, replica, sentinel];
  await startAll(servers);

  const askSentinel = <Reply>(command: string[]) =>
    withRedis(sentinel.url, (client) => client.sendCommand<Reply>(command));
  const masterUrl = async () => {
    const address = ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name];
    const [host, port] = await askSentinel<[string, string]>(address);
    return `redis://${host}:${port}`;
  };
  const replicaUrl = async () => {
    const current = await masterUrl();
    return current === master.url ? replica.url : master.url;
  };
  const replicaInSync = async () =>
    (await info(await replicaUrl(), 'replication')).master_link_status === 'up';

  const settled = async () => {
    try {
      await until('the replica is in sync', replicaInSync);
      await until('the Sentinel knows the replica', async () => {
        const replicas = await askSentinel<unknown[]>(['SENTINEL', 'REPLICAS', name]);
        return replicas.length === 1;
      });
    } catch (error) {
      await removeAll(servers);
      throw error;
    }
  };
  await settled();

  const promotedAfter = async (before: string) => {
    await until('the Sentinel names a new master', async () => (await masterUrl()) !== before);
    await until(
      'the new master takes writes',
      async () => (await info(await masterUrl(), 'replication')).role === 'master',
    );
  };

  return {
    name,
    sentinelNodes: `127.0.0.1:${sentinel.port}`,
    masterUrl,
    replicaUrl,
    async failover() {
      const before = await masterUrl();
      await askSentinel(['SENTINEL', 'FAILOVER', name]);
      await promotedAfter(before);
      // Until the Sentinel has turned the old master into a replica, it still takes writes that
      // its resync will drop; the failover is over once it has.
      await until(
        'the old master follows the new one',
        async () => (await info(before, 'replication')).role === 'slave',
      );
    },
    async crashMaster() {
      const before = await masterUrl();
      // Replication is asynchronous: wait until the replica has every write, so none is lost.
      await withRedis(before, (client) => client.wait(1, 5000));
      await (before === master.url ? master : replica).stop();
      await promotedAfter(before);
    },
    async stopAll() {
      for (const server of servers) await server.stop();
    },
    async startAll() {
      await startAll(servers);
      await settled();
    },
    remove: () => removeAll(servers),
  };
}

/** A Redis Cluster of three masters of the test's own, with every slot assigned. */
export interface OwnCluster {
  /** redis:// URLs of the nodes: REDIS_CLUSTER_NODES. */
  nodes: string[];
  /** Stops every node and deletes their folders. */
  remove(): Promise<void>;
}

const clusterSlots = 16_384;

/** A cluster node on a free port whose cluster bus has a free port of its own. */
async function clusterNode(
  nextPort: () => Promise<number>,
): Promise<{ server: OwnRedisServer; busPort: number }> {
  // The default bus port, port + 10000, may be taken.
  const busPort = await nextPort();
  const args = ['--cluster-enabled', 'yes', '--cluster-port', String(busPort)];
  return { server: ownRedisServer(await nextPort(), { args }), busPort };
}

/** Starts three cluster nodes on free ports of 127.0.0.1 and joins them into one cluster. */
export async function ownCluster(): Promise<OwnCluster> {
  const nextPort = freePortSource();
  const introducer = await clusterNode(nextPort);
  const others = [await clusterNode(nextPort), await clusterNode(nextPort)];
  const nodes = [introducer, ...others];
  const servers = nodes.map((node) => node.server);
  await startAll(servers);

  try {
    // Each node serves a third of the slots, then one node introduces itself to the others.
    const share = Math.ceil(clusterSlots / nodes.length);
    for (const [index, { server }] of nodes.entries()) {
      const first = index * share;
      const last = Math.min(first + share, clusterSlots) - 1;
      await withRedis(server.url, (client) =>
        client.sendCommand(['CLUSTER', 'ADDSLOTSRANGE', String(first), String(last)]),
      );
    }
    for (const { server, busPort } of others) {
      await withRedis(introducer.server.url, (client) =>
        client.sendCommand(['CLUSTER', 'MEET', '127.0.0.1', String(server.port), String(busPort)]),
      );
    }
    for (const server of servers) {
      await until(`node ${server.port} sees every slot served`, async () => {
        const state = await withRedis(server.url, (client) => client.clusterInfo());
        return state.includes('cluster_state:ok');
      });
    }
  } catch (error) {
    await removeAll(servers);
    throw error;
  }

  return { nodes: servers.map((server) => server.url), remove: () => removeAll(servers) };
}
