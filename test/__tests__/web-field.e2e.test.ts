/**
 * Field reporting in Chromium on a phone viewport: a grid member reports with a photo and the
 * phone's position, opens the new case from the confirmation, finds it under 我上报的; then a
 * community staff member finds it by its case number in the header search on a desktop.
 * Screenshots: report-phone, case-media-phone, my-reports-phone, search.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { suiteStack } from '../harness';
import { reportEvent } from '../events';
import { ROOT } from '../env';
import {
  BROWSER_TEST_TIMEOUT_MS,
  launchBrowser,
  newPage,
  login,
  openPage,
  screenshot,
  openMenu,
  pickOption,
  inboxRow,
  PNG,
} from '../browser';

describe('field reporting in a browser', () => {
  const stack = suiteStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it(
    'reports with a photo and the phone’s position, shows it on the case and under 我上报的, and finds it by number',
    async () => {
      const phone = await newPage(browser, {
        viewport: { width: 390, height: 844 },
        geolocation: { latitude: 22.5547, longitude: 113.8843 },
        permissions: ['geolocation'],
      });
      await phone.goto(stack.baseUrl());
      await login(phone, 'grid.hw01');
      await phone.getByTestId('bell').waitFor();
      await screenshot(phone, 'home-phone-header');
      await openMenu(phone, '事件上报');
      await pickOption(phone, '事件类别', '生态环境');
      // The grid is picked for the member (their own), never typed.
      await phone.getByTestId('grid').getByText('海旺社区第1网格').waitFor();
      await phone.getByLabel('地址', { exact: true }).fill('海旺社区 3 栋北侧');
      await phone.getByLabel('事件描述').fill('井盖缺失，有行人跌落风险');
      await phone
        .getByTestId('location')
        .getByText(/22\.5547\d?, 113\.8843/)
        .waitFor();
      await phone
        .getByTestId('photo-input')
        .setInputFiles({ name: '井盖.png', mimeType: 'image/png', buffer: PNG });
      await phone.getByText('井盖.png').waitFor();
      await screenshot(phone, 'report-phone');
      await phone.getByRole('button', { name: /提\s*交/ }).click();
      const title = await phone.getByText(/已上报，案件编号 SJ-\d{4}-\d{6}/).textContent();
      const caseNo = title!.match(/SJ-\d{4}-\d{6}/)![0];
      const open = phone.getByRole('link', { name: '查看案件' });
      expect(await open.getAttribute('href')).toMatch(/^\/cases\/\w+$/);
      await open.click();
      await phone
        .getByTestId('case-location')
        .getByText(/22\.5547\d?, 113\.8843\d?（WGS-84）/)
        .waitFor();
      await phone.getByTestId('case-files').getByRole('img', { name: '井盖.png' }).waitFor();
      await screenshot(phone, 'case-media-phone');

      await openMenu(phone, '我上报的');
      const row = phone.getByTestId('case-row').filter({ hasText: caseNo });
      await row.getByText('办理中').waitFor();
      await screenshot(phone, 'my-reports-phone');

      const desk = await openPage(browser, stack.baseUrl());
      await login(desk, 'haiwang.staff');
      await desk.getByLabel('搜索案件').fill(caseNo);
      await desk.getByLabel('搜索案件').press('Enter');
      const hit = desk.getByTestId('case-row').filter({ hasText: caseNo });
      await hit.waitFor();
      await desk.getByText('搜索结果（1 件）').waitFor();
      await screenshot(desk, 'search');
      await hit.getByRole('link', { name: caseNo }).click();
      await desk.getByTestId('case-location').waitFor();

      // A community's staff standing in its second grid: the grid comes from the position, to confirm.
      const staffPhone = await newPage(browser, {
        viewport: { width: 390, height: 844 },
        geolocation: { latitude: 22.5547, longitude: 113.8843 },
        permissions: ['geolocation'],
      });
      await staffPhone.goto(stack.baseUrl());
      await login(staffPhone, 'haiwang.staff');
      await staffPhone.getByTestId('bell').waitFor();
      await openMenu(staffPhone, '事件上报');
      await staffPhone
        .getByTestId('grid-by-location')
        .getByText(/海旺社区第2网格/)
        .waitFor();
      await staffPhone.getByTestId('grid').getByText('海旺社区第2网格').waitFor();
      await screenshot(staffPhone, 'report-grid-by-location');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'keeps a report written without signal as a draft with its photo, and sends it once when the connection returns',
    async () => {
      const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
      await phone.goto(stack.baseUrl());
      await login(phone, 'grid.hw02');
      await phone.getByTestId('bell').waitFor();
      await openMenu(phone, '事件上报');
      await pickOption(phone, '事件类别', '生态环境');
      const description = `无信号草稿 ${Date.now()}`;
      await phone.getByLabel('地址', { exact: true }).fill('海旺社区地下车库');
      await phone.getByLabel('事件描述').fill(description);
      await phone.context().setOffline(true);
      await phone
        .getByTestId('photo-input')
        .setInputFiles({ name: '车库.png', mimeType: 'image/png', buffer: PNG });
      // A thumbnail before it is uploaded; it waits for the connection.
      await phone.getByTestId('picked-files').getByRole('img', { name: '车库.png' }).waitFor();
      await phone.getByTestId('picked-files').getByText('待上传').waitFor();
      await phone.getByRole('button', { name: /提\s*交/ }).click();
      await phone.getByTestId('draft-saved').getByText('无网络，已保存为草稿').waitFor();
      await openMenu(phone, '我上报的');
      await phone.getByTestId('draft-row').filter({ hasText: description }).waitFor();
      await screenshot(phone, 'draft-offline-phone');
      expect(await stack.prisma.event.count({ where: { description } })).toBe(0);

      await phone.context().setOffline(false);
      await phone.getByTestId('case-row').filter({ hasText: '海旺社区地下车库' }).first().waitFor();
      await phone.getByTestId('drafts').waitFor({ state: 'detached' });
      const made = await stack.prisma.event.findMany({ where: { description }, include: { files: true } });
      expect(made).toHaveLength(1);
      expect(made[0].files.map((f) => f.name)).toEqual(['车库.png']);
      // Coming back online again sends nothing more.
      await phone.context().setOffline(true);
      await phone.context().setOffline(false);
      await phone.reload();
      await phone.getByTestId('my-reports').waitFor();
      expect(await stack.prisma.event.count({ where: { description } })).toBe(1);
      await screenshot(phone, 'draft-sent-phone');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    '处置 takes after-handling photos with thumbnails; the drawer shows the report’s photo, the case page and 核查 the after-photo',
    async () => {
      // Reported with a photo through the API: the 处置 drawer shows it beside the form.
      const member = await stack.loginAs('grid.hw01');
      const uploaded = await member
        .post('/api/attachments')
        .query({ name: '占道.png' })
        .set('Content-Type', 'image/png')
        .send(PNG)
        .expect(201);
      const { id, caseNo } = await reportEvent(member, {
        description: `占道经营 ${Date.now()}`,
        attachmentIds: [uploaded.body.id],
      });
      const page = await openPage(browser, stack.baseUrl());
      await login(page, 'grid.hw01');
      const row = await inboxRow(page, `${caseNo} 处置`);
      await row.getByText(`${caseNo} 处置`).click();
      await page.getByTestId('task-files').getByRole('img', { name: '占道.png' }).waitFor();
      const form = page.getByTestId('task-form');
      await form.getByLabel('已解决').check();
      await form.getByLabel('处置情况').fill('已劝离，路面清扫');
      // The form's photo field is the app's upload control: a thumbnail before completing.
      await form.getByText('处置后照片').waitFor();
      expect(await form.locator('input[type=file]').count()).toBe(1);
      await form
        .getByTestId('photo-input')
        .setInputFiles({ name: '清扫后.png', mimeType: 'image/png', buffer: PNG });
      await form.getByTestId('picked-files').getByRole('img', { name: '清扫后.png' }).waitFor();
      await screenshot(page, 'handle-after-photo');
      await page.getByRole('button', { name: /完\s*成/ }).click();
      await page.getByTestId('task-form').waitFor({ state: 'detached' });
      const stored = await stack.prisma.attachment.findMany({ where: { eventId: id, field: 'afterPhotos' } });
      expect(stored.map((f) => f.name)).toEqual(['清扫后.png']);

      await page.goto(`${stack.baseUrl()}/cases/${id}`);
      const media = page.getByTestId('case-media').getByTestId('files-afterPhotos');
      await media.getByText('处置后照片').waitFor();
      await media.getByRole('img', { name: '清扫后.png' }).waitFor();
      await page.getByTestId('case-timeline').getByRole('img', { name: '清扫后.png' }).waitFor();
      await screenshot(page, 'case-after-photo');

      // 核查 (the community, four eyes) sees what was done with the photo.
      const staff = await openPage(browser, stack.baseUrl());
      await login(staff, 'haiwang.staff');
      const verify = await inboxRow(staff, `${caseNo} 核查`);
      await verify.getByText(`${caseNo} 核查`).click();
      await staff.getByTestId('handling-result').getByRole('img', { name: '清扫后.png' }).waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
