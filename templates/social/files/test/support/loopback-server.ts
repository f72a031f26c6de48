import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';

/**
 * Starts a stand-in's server on a free port of 127.0.0.1 and resolves to its base address. The
 * server never keeps a finished test run alive.
 */
export async function listenOnLoopback(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  server.unref();
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
