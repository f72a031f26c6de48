import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { installAuth } from './auth/index.js';
import { notFound, problemHandler } from './http/problem.js';
import { requestLog } from './http/request-log.js';
import { healthRouter } from './routes/health.js';
import { profileRouter } from './routes/profile.js';
import type { AppServices } from './services.js';

/** The largest JSON body accepted; auth bodies are tiny, so anything bigger is refused (413). */
const bodyLimit = '16kb';

/** Builds the Express application around already-open services. */
export function createApp(services: AppServices): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', services.config.trustProxy);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'none'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  // Only listed origins get CORS headers; any other origin is answered without them.
  app.use(cors({ origin: services.config.corsOrigins, credentials: false }));
  app.use(requestLog(services.logger));
  app.use(express.json({ limit: bodyLimit }));

  app.use(healthRouter(services));
  installAuth(app, services);
  app.use(profileRouter());

  app.use(notFound);
  app.use(problemHandler(services.logger));
  return app;
}
