import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { configProblems, testConfigEnv } from './support/config-env.js';

describe('configuration', () => {
  it('accepts the test settings and applies safe defaults', () => {
    const config = loadConfig(testConfigEnv());
    expect(config.trustProxy).toBe(false);
    expect(config.corsOrigins).toEqual([]);
    expect(config.port).toBe(3000);
  });

  it('never trusts every proxy', () => {
    expect(configProblems({ TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY .*never true/),
    ]);
  });

  it('takes a hop count or a list of proxy addresses', () => {
    expect(loadConfig({ ...testConfigEnv(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(
      loadConfig({ ...testConfigEnv(), TRUST_PROXY: '10.0.0.1, loopback' }).trustProxy,
    ).toEqual(['10.0.0.1', 'loopback']);
  });

  it('refuses CORS entries that are not bare origins', () => {
    expect(configProblems({ CORS_ORIGINS: 'https://app.example.com/path' })).toEqual([
      expect.stringMatching(/^CORS_ORIGINS/),
    ]);
  });

  it('names each invalid number', () => {
    expect(configProblems({ PORT: 'eighty', LOGIN_WINDOW_SECONDS: '0' })).toEqual([
      expect.stringMatching(/^PORT must be a whole number/),
      expect.stringMatching(/^LOGIN_WINDOW_SECONDS must be between/),
    ]);
  });
});
