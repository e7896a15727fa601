import { loadApiConfig } from '../../api/src/config';
import { loadWorkersConfig } from '../../workers/src/config';
import { ConfigError } from '../config';

describe('typed config', () => {
  it('fills defaults for a bare environment', () => {
    const config = loadApiConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.ZEEBE_GRPC_ADDRESS).toBe('127.0.0.1:26500');
    expect(config.COOKIE_SECURE).toBe(false);
  });

  it('stops on a bad value and names the variable', () => {
    expect(() => loadApiConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadApiConfig({ ZEEBE_GRPC_ADDRESS: 'grpc://x:1' })).toThrow(
      /ZEEBE_GRPC_ADDRESS: expected host:port/,
    );
    expect(() => loadWorkersConfig({ INBOX_JOB_TIMEOUT_MS: '5' })).toThrow(/INBOX_JOB_TIMEOUT_MS/);
    expect(() => loadWorkersConfig({ NOTIFY_WEBHOOKS: 'not json' })).toThrow(/NOTIFY_WEBHOOKS: not JSON/);
    expect(() =>
      loadWorkersConfig({ NOTIFY_WEBHOOKS: '[{"unitId":"BA","format":"slack","url":"http://x"}]' }),
    ).toThrow(/NOTIFY_WEBHOOKS\.0\.format/);
  });
});
