import { Router } from 'express';
import { pingDatabase } from '../db/database.js';
import { HttpProblem } from '../http/problem.js';
import type { AppServices } from '../services.js';

/** `GET /health`: 200 while the database and auth stores answer, 503 `store_unavailable` if not. */
export function healthRouter({ database, stores }: AppServices): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    try {
      await pingDatabase(database);
    } catch {
      throw new HttpProblem(503, 'store_unavailable', { detail: 'The database is unavailable.' });
    }
    try {
      await stores.ping();
    } catch {
      throw new HttpProblem(503, 'store_unavailable', {
        detail: 'The token store is unavailable.',
      });
    }
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  return router;
}
