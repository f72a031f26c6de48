import { Router } from 'express';
import { currentAuth, requireAuth, requireRole } from '../auth/index.js';

/**
 * An example of the application's own routes. It uses only the auth surface (`requireAuth`,
 * `requireRole`, `req.auth`), so it compiles unchanged whichever auth strategy is installed.
 */
export function profileRouter(): Router {
  const router = Router();

  router.get('/profile', requireAuth, (request, response) => {
    const { userId, sessionId, roles } = currentAuth(request);
    response.json({ userId, sessionId, roles });
  });

  router.get('/admin/overview', requireRole('admin'), (request, response) => {
    response.json({ message: `Hello, admin ${currentAuth(request).userId}.` });
  });

  return router;
}
