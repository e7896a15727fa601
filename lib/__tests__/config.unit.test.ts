import { loadApiConfig } from '../../api/src/config';
import { loadWorkersConfig } from '../../workers/src/config';
import { ConfigError } from '../config';

describe('typed config', () => {
  it('fills defaults for a bare environment', () => {
    const config = loadApiConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.ENGINE_REST_URL).toBe('http://127.0.0.1:8080/engine-rest');
    expect(config.ENGINE_USER).toBe('zhizhiApi');
    expect(config.COOKIE_SECURE).toBe(false);
  });

  it('stops on a bad value and names the variable', () => {
    expect(() => loadApiConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadApiConfig({ ENGINE_REST_URL: 'not a url' })).toThrow(/ENGINE_REST_URL/);
    expect(() => loadWorkersConfig({ WORKER_MAX_TASKS: '0' })).toThrow(/WORKER_MAX_TASKS/);
    expect(() =>
      loadWorkersConfig({ WORKER_POLL_TIMEOUT_MS: '20000', WORKER_SHUTDOWN_TIMEOUT_MS: '10000' }),
    ).toThrow(/WORKER_POLL_TIMEOUT_MS: must be below WORKER_SHUTDOWN_TIMEOUT_MS/);
    expect(() => loadWorkersConfig({ SECRETS_KEY: 'short' })).toThrow(/SECRETS_KEY: 64 hex digits/);
    expect(() => loadApiConfig({ SECRETS_KEY: 'z'.repeat(64) })).toThrow(/SECRETS_KEY/);
    // 等保 三级: six months of audit trail at least.
    expect(() => loadWorkersConfig({ AUDIT_RETENTION_DAYS: '90' })).toThrow(
      /AUDIT_RETENTION_DAYS: must be at least 180/,
    );
    expect(loadWorkersConfig({}).AUDIT_RETENTION_DAYS).toBe(180);
  });
});
