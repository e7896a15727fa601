import { robotUrlProblem, type RobotPolicy } from '../robots';

const policy = (hosts: string[], extra: Partial<RobotPolicy> = {}): RobotPolicy => ({
  hosts,
  httpsOnly: false,
  allowLoopback: false,
  ...extra,
});

describe('robot URL policy', () => {
  it('refuses hosts off the allow-list, whatever they are', async () => {
    const defaults = policy(['qyapi.weixin.qq.com', 'oapi.dingtalk.com', 'open.feishu.cn']);
    for (const url of ['http://127.0.0.1:3740/send', 'http://10.0.0.5/send', 'https://evil.example/x'])
      expect(await robotUrlProblem(url, defaults)).toBe('error.robotUrlHost');
  });

  it('refuses an allowed name or address that is private, loopback, link-local or special', async () => {
    const addresses = [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ];
    for (const a of addresses) {
      const host = a.includes(':') ? `[${a}]` : a;
      // As the URL parser writes the host (::ffff:10.0.0.1 becomes ::ffff:a00:1).
      const allowed = new URL(`http://${host}/`).hostname.replace(/^\[|\]$/g, '');
      expect(await robotUrlProblem(`http://${host}/send`, policy([allowed]))).toBe('error.robotUrlAddress');
    }
    // A name that resolves to loopback is judged by its address.
    expect(await robotUrlProblem('http://localhost:3740/', policy(['localhost']))).toBe(
      'error.robotUrlAddress',
    );
    expect(await robotUrlProblem('http://93.184.215.14/', policy(['93.184.215.14']))).toBeNull();
  });

  it('takes loopback only with the test override, and http only outside production', async () => {
    const loop = policy(['127.0.0.1', '10.0.0.1'], { allowLoopback: true });
    expect(await robotUrlProblem('http://127.0.0.1:3740/', loop)).toBeNull();
    expect(await robotUrlProblem('http://10.0.0.1/', loop)).toBe('error.robotUrlAddress');
    const prod = policy(['93.184.215.14'], { httpsOnly: true });
    expect(await robotUrlProblem('http://93.184.215.14/', prod)).toBe('error.robotUrlHttps');
    expect(await robotUrlProblem('https://93.184.215.14/', prod)).toBeNull();
  });
});
