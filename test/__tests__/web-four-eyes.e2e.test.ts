/**
 * Four eyes in the browser: the mediator opens the 履行回访 of their own mediation and reads why they
 * may not do it, with nothing to click; the street's supervisor sees whom the rule bars, allows the
 * mediator with a reason (准予例外), and the mediator's drawer then offers the form and 完成.
 * Screenshots: four-eyes-*.png in .zhizhi/artifacts/screenshots/.
 */
import { communityWithStaff, settledDispute } from '../four-eyes';
import { BROWSER_TEST_TIMEOUT_MS, browserSuite, pickOption, screenshot, signedInPage } from '../browser';

/** A button's name as antd shows it (two Chinese characters with a space between them). */
const spaced = (name: string) => new RegExp(`^${[...name].join('\\s*')}$`);

describe('four eyes in a browser', () => {
  const { stack, browser } = browserSuite();

  it(
    'tells the mediator why not; the supervisor allows an exception with a reason',
    async () => {
      const base = stack.baseUrl();
      const {
        id: unit,
        people: [mediator],
      } = await communityWithStaff(stack, 'W', ['调解员', '回访员']);
      const { visit } = await settledDispute(stack, mediator, unit);
      const username = (await stack.prisma.user.findUniqueOrThrow({ where: { id: mediator.id } })).username;

      const own = await signedInPage(browser(), base, username);
      await own.goto(`${base}/tasks/${visit.key}`);
      await own
        .getByTestId('read-only')
        .getByText('四眼原则：您办理过本案的「调解」，本环节须由他人办理')
        .waitFor();
      expect(await own.getByRole('button', { name: spaced('完成') }).count()).toBe(0);
      await screenshot(own, 'four-eyes-refused');

      const supervisor = await signedInPage(browser(), base, 'xa.supervisor');
      await supervisor.goto(`${base}/tasks/${visit.key}`);
      await supervisor.getByTestId('four-eyes').getByText('W调解员（办理过「调解」）').waitFor();
      await supervisor.getByRole('button', { name: '准予例外' }).click();
      const dialog = supervisor.getByRole('dialog', { name: '准予例外' });
      await pickOption(supervisor, '准予何人', 'W调解员');
      await dialog.getByLabel('准予理由（必填，记入审计与考评）').fill('回访员外出培训，当事人要求当日回访');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await supervisor
        .getByTestId('four-eyes')
        .getByText(/已准予例外/)
        .waitFor();
      await screenshot(supervisor, 'four-eyes-permitted');
      await supervisor.close();

      await own.reload();
      await own.getByRole('button', { name: spaced('完成') }).waitFor();
      expect(await own.getByTestId('read-only').count()).toBe(0);
      await own.close();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
