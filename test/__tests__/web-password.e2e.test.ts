/**
 * A user an admin created signs in with the one-time password and gets only the change-password
 * form: a password the policy refuses is named at its field, a good one opens the app.
 */
import { browserSuite, BROWSER_TEST_TIMEOUT_MS, login, openPage, screenshot } from '../browser';

describe('first sign-in with a one-time password, in a browser', () => {
  const { stack, browser } = browserSuite();

  it(
    'shows the change-password form until the password is changed',
    async () => {
      const admin = await stack.loginAs('admin');
      const username = `otp.${Date.now().toString(36)}`;
      const created = await admin
        .post('/api/admin/users')
        .send({ username, displayName: '新用户', orgId: 'BA-XA', roles: ['STAFF'] })
        .expect(201);
      const page = await openPage(browser(), stack.baseUrl());
      await login(page, username, created.body.password);
      const form = page.getByTestId('change-password');
      await form.getByText('修改初始密码').waitFor();
      await form.getByLabel('当前密码').fill(created.body.password);
      await form.getByLabel('新密码', { exact: true }).fill('short');
      await form.getByLabel('确认新密码').fill('short');
      await form.getByRole('button', { name: /修改密码/ }).click();
      // The API's field errors, every one of them, under the field they name.
      await form.getByText('密码至少需要 10 个字符').waitFor();
      await form.getByText(/符号中的至少 3 类/).waitFor();
      await screenshot(page, 'change-password');

      await form.getByLabel('新密码', { exact: true }).fill('Ours-2026-Strong!');
      await form.getByLabel('确认新密码').fill('Ours-2026-Strong!');
      await form.getByRole('button', { name: /修改密码/ }).click();
      await page.getByTestId('who').getByText('新用户').waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
