import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', DEFAULT_TIMEZONE: 'Mars/Base' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/MONGODB_URI: must start with mongodb:\/\//);
      expect(message).toMatch(/DEFAULT_TIMEZONE: unknown IANA time zone/);
    }
  });

  it('requires APP_SECRET in production and both admin variables together', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.co', DATA_DIR: '/tmp/cc-config-test' })).toThrow(
      /ADMIN_EMAIL \/ ADMIN_PASSWORD/,
    );
  });

  it('stops a real start-up with a message naming the variable and exit code 1', () => {
    const main = path.resolve(import.meta.dirname, '../main.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', main, 'server'], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration:\s+- PORT:/);
  });
});
