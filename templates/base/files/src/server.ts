import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './logger.js';
import { openServices } from './services.js';

if (existsSync('.env')) process.loadEnvFile('.env');

function readConfig() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A configuration mistake needs the variable named, not a stack trace.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const services = await openServices(config, logger);
const server = createApp(services).listen(config.port, () => {
  // The bound port, which differs from PORT when PORT is 0 (any free port).
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.info({ event: 'listening', port }, `listening on http://localhost:${port}`);
});

function shutdown(signal: string): void {
  logger.info({ event: 'shutdown', signal }, 'shutting down');
  server.close(() => {
    void services.close().then(() => process.exit(0));
  });
}

process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
