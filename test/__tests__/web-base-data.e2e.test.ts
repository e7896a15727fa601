/**
 * 块数据 collection in Chromium (#27's second Done-when): a grid member on a phone opens a
 * building's QR page (signed out it is the residents' self-declaration page; 工作人员登录 leads
 * to the building), adds a resident, which waits for review; the community staff approves it in
 * the inbox and the resident is on the building's page. Screenshots: qr-public-phone,
 * building-phone, base-review.
 */
import { eventually, freshIdNumber } from '../harness';
import {
  browserSuite,
  login,
  pickOption,
  screenshot,
  signedInPage,
  BROWSER_TEST_TIMEOUT_MS,
  newPage,
} from '../browser';

const PHONE = { width: 390, height: 844 };

describe('address base in a browser', () => {
  const { stack, browser } = browserSuite();

  it(
    'a grid member adds a resident from the QR page, the community approves it in the inbox',
    async () => {
      const base = stack.baseUrl();
      const staff = await stack.loginAs('haiwang.staff');
      const name = `二维码住户${Date.now() % 10000}`;
      const imported = await staff
        .post('/api/base/import')
        .send({
          buildings: [
            {
              orgId: 'BA-XA-C01',
              gridId: 'BA-XA-C01-G01',
              road: '扫码路',
              doorNo: '8号',
              name: '2栋',
              rooms: [{ unitNo: '1', roomNo: '502', residents: [] }],
            },
          ],
        })
        .expect(200);
      const building = await stack.prisma.building.findUniqueOrThrow({
        where: { id: imported.body.buildingIds[0] },
      });

      const phone = await newPage(browser(), { viewport: PHONE });
      await phone.goto(`${base}/qr/${building.code}`);
      await phone.getByText('居民自主申报').or(phone.getByText('工作人员登录')).first().waitFor();
      await screenshot(phone, 'qr-public-phone');
      await phone.getByRole('button', { name: '工作人员登录' }).click();
      await login(phone, 'grid.hw01');
      await phone.getByTestId('building-page').getByText(building.code).waitFor();
      await phone.getByTestId('add-resident').click();
      await phone.getByTestId('resident-room').click();
      await phone.locator('.ant-select-item-option').getByText('1-502').click();
      await phone.getByTestId('resident-name').fill(name);
      await phone.getByTestId('resident-id').fill(freshIdNumber());
      await screenshot(phone, 'building-phone');
      await phone.locator('#resident-save').click();
      await phone.getByText('已提交，待社区审核后生效').waitFor();
      expect(await stack.prisma.resident.count({ where: { name } })).toBe(0);

      // 在此上报事件: the report starts at the building, the room picked; the case keeps both.
      await phone.getByTestId('report-here').click();
      await pickOption(phone, '事件类别', '生态环境');
      await pickOption(phone, '房号', '1-502');
      await phone.getByLabel('事件描述').fill('楼道堆放杂物');
      await phone.getByRole('button', { name: /提\s*交/ }).click();
      const caseNo = (await phone.getByText(/已上报，案件编号 SJ-\d{4}-\d{6}/).textContent())!.match(
        /SJ-\d{4}-\d{6}/,
      )![0];
      expect(await stack.prisma.event.findUniqueOrThrow({ where: { caseNo } })).toMatchObject({
        buildingId: building.id,
        address: `${building.address}1单元502`,
      });

      const task = await eventually(async () => {
        const change = await stack.prisma.baseChange.findFirst({
          where: { buildingId: building.id, status: 'PROPOSED' },
        });
        return change?.processInstanceId
          ? ((await stack.prisma.inboxTask.findFirst({
              where: { processInstanceId: change.processInstanceId, state: 'OPEN' },
            })) ?? undefined)
          : undefined;
      }, 20_000);
      const desk = await signedInPage(browser(), base, 'haiwang.staff');
      await desk.goto(`${base}/tasks/${task.key}`);
      const form = desk.getByTestId('task-form');
      await form.getByText(new RegExp(`新增实有人口：${name}`)).waitFor();
      await form.getByLabel('通过', { exact: true }).check();
      await screenshot(desk, 'base-review');
      await desk.getByRole('button', { name: /完\s*成/ }).click();
      await desk.getByTestId('task-form').waitFor({ state: 'detached' });

      await eventually(async () =>
        (await stack.prisma.resident.count({ where: { name } })) ? true : undefined,
      );
      await desk.goto(`${base}/base/buildings/${building.id}`);
      await desk.getByTestId('resident-row').filter({ hasText: name }).waitFor();
      await phone.close();
      await desk.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'imports a spreadsheet: 检查 names the row and column of a problem, then the fixed file is imported',
    async () => {
      const base = stack.baseUrl();
      const road = `导入${Date.now() % 100000}路`;
      const csv = (idNumber: string) =>
        Buffer.from(
          `社区编码,网格编码,道路,门牌号,楼栋,房号,姓名,身份证号\nBA-XA-C01,BA-XA-C01-G01,${road},1号,5栋,101,赵六,${idNumber}\n`,
        );
      const good = freshIdNumber();
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const page = await signedInPage(browser(), base, 'haiwang.staff');
      await page.goto(`${base}/base`);
      const card = page.getByTestId('base-import');
      const choose = async (content: Buffer) =>
        card
          .locator('input[type=file]')
          .setInputFiles({ name: 'base.csv', mimeType: 'text/csv', buffer: content });
      await choose(csv(bad));
      await card.getByRole('button', { name: /^检\s*查$/ }).click();
      await card.getByText('第 2 行「身份证号」').waitFor();
      await choose(csv(good));
      await card.getByRole('button', { name: /^检\s*查$/ }).click();
      await card.getByTestId('base-import-result').getByText('检查通过，将导入：').waitFor();
      expect(await stack.prisma.building.count({ where: { road } })).toBe(0);
      await card.getByRole('button', { name: /^导\s*入$/ }).click();
      await card.getByTestId('base-import-result').getByText('已导入：').waitFor();
      await screenshot(page, 'base-import');
      expect(await stack.prisma.building.count({ where: { road } })).toBe(1);
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    '信访登记 picks the building and room through the address search; the petition keeps both',
    async () => {
      const base = stack.baseUrl();
      const road = `信访${Date.now() % 100000}路`;
      const staff = await stack.loginAs('haiwang.staff');
      const imported = await staff
        .post('/api/base/import')
        .send({
          buildings: [
            {
              orgId: 'BA-XA-C01',
              road,
              doorNo: '6号',
              name: '1栋',
              rooms: [{ unitNo: '2', roomNo: '101', residents: [] }],
            },
          ],
        })
        .expect(200);
      const building = await stack.prisma.building.findUniqueOrThrow({
        where: { id: imported.body.buildingIds[0] },
        include: { rooms: true },
      });
      const matter = `楼顶渗水 ${road}`;
      const page = await signedInPage(browser(), base, 'petition.staff');
      await page.goto(`${base}/petitions`);
      await page.getByRole('button', { name: '信访登记' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByLabel('信访人姓名').fill('李四');
      await drawer.getByLabel('身份证号').fill(freshIdNumber());
      await drawer.getByLabel('信访事项').fill(matter);
      await drawer.getByLabel('诉求').fill('请求维修楼顶');
      // Typed as people type it: the road and door number, without 街道/社区.
      await drawer.getByLabel('所在楼栋').fill(`${road}6号`);
      await page.locator('.ant-select-dropdown:visible').getByTitle(building.address).click();
      await pickOption(page, '房号', '2-101');
      await screenshot(page, 'petition-building-picker');
      await drawer.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByTestId('petition-case').getByText(matter).waitFor();
      const petition = await stack.prisma.petition.findFirstOrThrow({ where: { matter } });
      expect(petition).toMatchObject({ buildingId: building.id, roomId: building.rooms[0].id });
      if (petition.processInstanceId)
        await stack.engine.deleteProcessInstance(petition.processInstanceId).catch(() => undefined);
      await page.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
