/**
 * 企业自查 in Debian's Chromium: a department sends an enterprise its self-check link; the page
 * opens without an account, names the enterprise, the department and the matter, takes the
 * answer once and the plan counts as done without a visit. Screenshot: self-check.png.
 */
import { BROWSER_TEST_TIMEOUT_MS, browserSuite, openPage, screenshot } from '../browser';

describe('企业自查 in a browser', () => {
  const { stack, browser } = browserSuite({ workers: false });

  it(
    'takes an enterprise’s self-check from its link, with no account',
    async () => {
      const community = await stack.prisma.org.findUniqueOrThrow({ where: { id: 'BA-XA-C01' } });
      const business = await stack.prisma.business.create({
        data: { name: '海旺自查测试商行', uscc: '91440306MA5SC0001X', orgPath: community.path },
      });
      const housing = await stack.loginAs('housing.staff');
      const { body: plan } = await housing
        .post('/api/inspection-plans')
        .send({
          businessId: business.id,
          matter: '燃气安全',
          periodStart: '2027-03-01',
          periodEnd: '2027-03-31',
        })
        .expect(201);
      const { body: link } = await housing.post(`/api/inspection-plans/${plan.id}/self-check`).expect(201);

      const page = await openPage(browser(), `${stack.baseUrl()}${link.path}`, { width: 390, height: 844 });
      await page.getByText('海旺自查测试商行').waitFor();
      await page.getByText('区住房和建设局').waitFor();
      await page.getByLabel('自查内容与结果').fill('燃气报警器、软管均已检查更换');
      await page.getByLabel('填写人').fill('李店长');
      await page.getByText('本企业承诺以上内容如实填写').click();
      await screenshot(page, 'self-check');
      await page.getByRole('button', { name: /提交自查/ }).click();
      await page.getByText('自查已提交，谢谢').waitFor();
      expect(await stack.prisma.inspectionPlan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({
        status: 'SELF_CHECKED',
      });
      // Opened again, the link says it is done.
      await page.reload();
      await page.getByText('自查已提交，谢谢').waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
