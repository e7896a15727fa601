/**
 * 舆情 triage in Debian's Chromium: a vendor pushes an item whose text holds markup as text; the
 * district's leader sees it counted on the home page and in 待研判 with the matched word marked and the markup shown as text
 * (never rendered), dismisses it with a reason and finds it under 已忽略 with the reason.
 * Screenshot: opinion-list.png.
 */
import { createHash } from 'node:crypto';
import { BROWSER_TEST_TIMEOUT_MS, browserSuite, screenshot, signedInPage } from '../browser';

describe('舆情 in a browser', () => {
  const { stack, browser } = browserSuite({ workers: false });

  it(
    'marks the matched words, shows markup as text and dismisses with a reason',
    async () => {
      const key = 'zzo_browser_test_key';
      await stack.prisma.opinionSource.create({
        data: { name: '监测厂商', kind: 'webhook', keyHash: createHash('sha256').update(key).digest('hex') },
      });
      await stack.prisma.opinionRule.create({ data: { name: '环境', words: ['垃圾'], exclusions: [] } });
      await stack
        .http()
        .post('/api/opinion/webhook')
        .set('X-Channel-Key', key)
        .send({
          items: [
            {
              title: '海旺社区垃圾 &lt;b&gt;未清&lt;/b&gt;',
              link: 'https://vendor.example/browser/1',
              body: '<script>window.pwned=1</script>居民反映',
            },
          ],
        })
        .expect(200);
      const item = await stack.prisma.opinionItem.findFirstOrThrow({
        where: { link: 'https://vendor.example/browser/1' },
      });

      const page = await signedInPage(browser(), stack.baseUrl(), 'district.lead');
      // The leader's home counts what waits for triage.
      await page.getByTestId('home-opinion-waiting').getByText('1', { exact: true }).waitFor();
      await page.goto(`${stack.baseUrl()}/opinion`);
      const row = page.getByTestId(`opinion-item-${item.id}`);
      await row.waitFor();
      expect(await row.locator('mark').allTextContents()).toEqual(['垃圾']);
      // The decoded markup is text: no <b> element, no script ran.
      await row.getByText('<b>未清</b>').waitFor();
      expect(await row.locator('b').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      await row.locator('.ant-tag', { hasText: '海旺社区' }).waitFor();
      await screenshot(page, 'opinion-list');

      await row.getByRole('button', { name: /忽\s*略/ }).click();
      const dialog = page.locator('.ant-modal');
      await dialog.getByLabel('原因（必填）').fill('与本区无关');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await row.waitFor({ state: 'detached' });
      await page.getByText('已忽略', { exact: true }).click();
      await page.getByTestId(`opinion-item-${item.id}`).getByText('与本区无关').waitFor();
      expect((await stack.prisma.opinionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe(
        'DISMISSED',
      );
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
