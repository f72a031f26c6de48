import { z } from 'zod';

/** The SQL store has no settings of its own: it uses the database DATABASE_URL names. */
export const storeConfigSchema = z.object({}).transform(() => ({ kind: 'sql' as const }));
