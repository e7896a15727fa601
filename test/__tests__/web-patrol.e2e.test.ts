/**
 * 巡查打点 in Chromium on a phone viewport: a grid member starts a patrol, two positions are
 * kept, checks in at a building by its code, saves a note with a photo, reports a problem from
 * the patrol (the report form opens with the building's address), ends it; the street's 巡查情况
 * shows the track and the check-in, and a daily quota set in its dialog is met. Screenshots: patrol-phone, patrols-street.
 */
import { testBuilding } from '../buildings';
import {
  BROWSER_TEST_TIMEOUT_MS,
  browserSuite,
  login,
  openMenu,
  openPage,
  PNG,
  screenshot,
} from '../browser';

describe('patrols in a browser', () => {
  const { stack, browser } = browserSuite({ workers: false });

  it(
    'starts, keeps two positions, checks in by code, reports a problem, ends; the street sees the track',
    async () => {
      const { code, name, address } = await testBuilding(stack.prisma, { lat: 22.5547, lng: 113.8843 });
      const context = await browser().newContext({
        viewport: { width: 390, height: 844 },
        geolocation: { latitude: 22.5543, longitude: 113.8839 },
        permissions: ['geolocation'],
      });
      const phone = await context.newPage();
      await phone.goto(stack.baseUrl());
      await login(phone, 'grid.hw01');
      await openMenu(phone, '巡查打点');
      await phone.getByRole('button', { name: '开始巡查' }).click();
      await phone.getByTestId('patrol-status').waitFor();
      await phone.getByText(/1 个位置待上传/).waitFor();
      await context.setGeolocation({ latitude: 22.5547, longitude: 113.8843 });
      await phone.getByText(/2 个位置待上传/).waitFor();
      await phone.getByTestId('building-code').fill(code);
      await phone.getByRole('button', { name: '扫码打点' }).click();
      await phone.getByTestId('check-ins').getByText(name).waitFor();
      // A note with a photo: the photo goes with the note (claimed by it).
      await phone.getByPlaceholder('巡查记录').fill('楼道灭火器过期');
      await phone
        .getByTestId('photo-input')
        .setInputFiles({ name: '灭火器.png', mimeType: 'image/png', buffer: PNG });
      await phone.getByText('灭火器.png').waitFor();
      await phone.getByRole('button', { name: '保存记录' }).click();
      await phone.getByText('记录已保存').waitFor();
      const [saved] = await stack.prisma.patrolNote.findMany({ where: { text: '楼道灭火器过期' } });
      expect(saved.attachmentIds).toHaveLength(1);
      expect(
        await stack.prisma.attachment.findUniqueOrThrow({ where: { id: saved.attachmentIds[0] } }),
      ).toMatchObject({
        patrolNoteId: saved.id,
      });
      await screenshot(phone, 'patrol-phone');

      await phone.getByRole('button', { name: '发现问题' }).click();
      await phone.waitForURL(/\/report\?address=/);
      expect(await phone.getByLabel('地址', { exact: true }).inputValue()).toBe(address);
      await phone.goBack();
      await phone.getByRole('button', { name: '结束巡查' }).click();
      await phone
        .getByTestId('patrol-ended')
        .getByText(/2 个位置.*打点 1 处/)
        .waitFor();
      await context.close();

      const street = await openPage(browser(), stack.baseUrl());
      await login(street, 'xa.staff');
      await openMenu(street, '巡查情况');
      await street.getByTestId('patrol-check-ins').getByText(code).waitFor();
      await street.getByTestId('track-map').locator('canvas').waitFor();
      await street.getByTestId('not-patrolled').getByText('海旺第2网格员').waitFor();
      // The day against a daily quota the street sets here: one check-in at one building meets it.
      const figures = street.getByTestId('patrol-figures');
      const row = figures.locator('tr', { hasText: '海旺社区第1网格' });
      await row.getByText('未设定额').waitFor();
      await row.getByRole('button', { name: '设定额' }).click();
      const dialog = street.locator('.ant-modal').filter({ hasText: '巡查定额' });
      await dialog.getByText('每日', { exact: true }).click();
      await dialog.getByLabel('打点', { exact: true }).fill('1');
      await dialog.getByLabel('打点楼栋').fill('1');
      await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
      await row.getByText('达标', { exact: true }).waitFor();
      await row.getByText('每日', { exact: true }).waitFor();
      await row.getByText('1 / 1').first().waitFor();
      await screenshot(street, 'patrols-street');
      await street.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
