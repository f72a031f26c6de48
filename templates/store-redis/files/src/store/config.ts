import { z } from 'zod';
import { commaList, wholeNumber } from '../config/fields.js';

/** How to reach Redis: one server, a Sentinel group, or a Cluster. */
export type RedisTopology =
  | { type: 'single'; url: string }
  | { type: 'sentinel'; name: string; nodes: { host: string; port: number }[]; url: string }
  | { type: 'cluster'; nodes: string[]; url: string };

function hostAndPort(entry: string): { host: string; port: number } | undefined {
  const match = /^(.+):(\d{1,5})$/.exec(entry);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) };
}

/** Redis settings from the environment; Sentinel and Cluster need settings, not code. */
export const storeConfigSchema = z
  .object({
    REDIS_URL: z
      .string()
      .trim()
      .optional()
      .transform((value) =>
        value === undefined || value === '' ? 'redis://127.0.0.1:6379' : value,
      )
      .refine((value) => /^rediss?:\/\//.test(value) && URL.canParse(value), {
        error: 'must be a redis:// or rediss:// URL',
      }),
    REDIS_SENTINEL_NODES: commaList(),
    REDIS_SENTINEL_NAME: z.string().trim().optional(),
    REDIS_CLUSTER_NODES: commaList(),
    REDIS_KEY_PREFIX: z
      .string()
      .optional()
      .transform((value) => value ?? 'auth:')
      .refine((value) => !/[{}\s]/.test(value), {
        error: 'must not contain braces or spaces (braces would change Redis Cluster slots)',
      }),
    REDIS_COMMAND_TIMEOUT_MS: wholeNumber({ min: 100, max: 10_000, fallback: 1500 }),
  })
  .transform(
    (
      settings,
      context,
    ): { kind: 'redis'; topology: RedisTopology; keyPrefix: string; commandTimeoutMs: number } => {
      const base = {
        kind: 'redis' as const,
        keyPrefix: settings.REDIS_KEY_PREFIX,
        commandTimeoutMs: settings.REDIS_COMMAND_TIMEOUT_MS,
      };
      if (settings.REDIS_SENTINEL_NODES.length > 0 && settings.REDIS_CLUSTER_NODES.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['REDIS_CLUSTER_NODES'],
          message: 'cannot be set together with REDIS_SENTINEL_NODES',
        });
        return z.NEVER;
      }
      if (settings.REDIS_SENTINEL_NODES.length > 0) {
        const nodes = settings.REDIS_SENTINEL_NODES.map(hostAndPort);
        const name = settings.REDIS_SENTINEL_NAME ?? '';
        if (nodes.some((node) => node === undefined) || name === '') {
          context.addIssue({
            code: 'custom',
            path: ['REDIS_SENTINEL_NODES'],
            message: 'must list host:port entries, with REDIS_SENTINEL_NAME naming the master',
          });
          return z.NEVER;
        }
        return {
          ...base,
          topology: {
            type: 'sentinel',
            name,
            nodes: nodes.filter((node) => node !== undefined),
            url: settings.REDIS_URL,
          },
        };
      }
      if (settings.REDIS_CLUSTER_NODES.length > 0) {
        if (
          !settings.REDIS_CLUSTER_NODES.every(
            (node) => /^rediss?:\/\//.test(node) && URL.canParse(node),
          )
        ) {
          context.addIssue({
            code: 'custom',
            path: ['REDIS_CLUSTER_NODES'],
            message: 'must list redis:// URLs',
          });
          return z.NEVER;
        }
        return {
          ...base,
          topology: {
            type: 'cluster',
            nodes: settings.REDIS_CLUSTER_NODES,
            url: settings.REDIS_URL,
          },
        };
      }
      return { ...base, topology: { type: 'single', url: settings.REDIS_URL } };
    },
  );
