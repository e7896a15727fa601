import { contentSecurityPolicy } from '../../../http/security';
import { tileOrigins } from '../map.routes';

describe('a base map in the Content-Security-Policy', () => {
  it('lets images come from the tile servers, a subdomain range as a wildcard', () => {
    const origins = tileOrigins([
      'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
      'https://t{0-7}.tianditu.gov.cn/cva_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
      'http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png',
    ]);
    expect(origins).toEqual(['https://*.tianditu.gov.cn', 'http://10.1.2.3:8080']);
    expect(contentSecurityPolicy(origins)).toContain(
      "img-src 'self' data: blob: https://*.tianditu.gov.cn http://10.1.2.3:8080;",
    );
  });

  it('adds nothing when there is no base map', () => {
    expect(contentSecurityPolicy()).toContain("img-src 'self' data: blob:;");
  });
});
