import { createClient } from 'redis';

function adminClient(url: string) {
  return createClient({ url, socket: { reconnectStrategy: false } });
}

/** A plain client for test set-up and inspection, separate from the application's. */
export async function withRedis<T>(
  url: string,
  use: (client: ReturnType<typeof adminClient>) => Promise<T>,
): Promise<T> {
  const client = adminClient(url);
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** REDIS_URL of the test run: the environment's, else the local server. */
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
