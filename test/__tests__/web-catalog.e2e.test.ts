/**
 * The worker catalog in the process designer, in Debian's Chromium against the real API, engine
 * and workers: the designer clears the topic of 上报上一级 (the lint blocks deploying), opens
 * 自动步骤目录, picks 上报上一级 by its Chinese name, and the template fills the topic and the
 * input/output mappings; the lint is clean and the version deploys. A case escalated on that
 * version reaches the community: the escalate worker ran behind the mappings (it reads `level`
 * through an input and its new `level` leaves the task through an output).
 * Screenshot: designer-catalog.png in .zhizhi/artifacts/screenshots/.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Agent } from 'supertest';
import {
  cspViolations,
  launchBrowser,
  login,
  screenshot,
  BROWSER_TEST_TIMEOUT_MS,
  openPage,
  openMenu,
} from '../browser';
import { restoreFileDiagram } from '../designer';
import { ROOT } from '../env';
import { escalateFromGrid, reportEvent, taskFor } from '../events';
import { createTestStack } from '../harness';

describe('worker catalog in the process designer', () => {
  const stack = createTestStack({ workers: true, env: { WEB_DIR: path.join(ROOT, 'web', 'dist') } });
  let browser: Browser;
  let designerApi: Agent;

  beforeAll(async () => {
    browser = await launchBrowser();
    designerApi = await stack.loginAs('designer');
  });
  afterAll(async () => {
    // Later suites assert the file's diagram: leave the engine on the file's content.
    if (designerApi) await restoreFileDiagram(designerApi);
    await browser?.close();
    await stack.close();
  });

  it(
    'applies a worker from the catalog to a task, deploys it, and a case runs through it',
    async () => {
      const v1 = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'event-handling' },
        orderBy: { version: 'desc' },
      });
      const page = await openPage(browser, stack.baseUrl());
      await login(page, 'designer');
      await openMenu(page, '流程设计');
      await page
        .getByTestId('versions-event-handling')
        .getByRole('button', { name: `打开 v${v1.version}` })
        .click();
      const lint = page.getByTestId('lint-state');
      const deploy = page.getByRole('button', { name: '部署新版本' });
      await lint.getByText('规则检查通过').waitFor();

      // 上报上一级 without a topic: the lint names the rule and deploying is blocked.
      await page.locator('[data-element-id="escalate"]').first().click();
      await page.getByTestId('designer-properties').getByText('实现', { exact: true }).click();
      await page.locator('#bio-properties-panel-externalTopic').fill('');
      await page.getByTestId('lint-issues').getByText('zhizhi/external-task-topic').waitFor();
      await expect(deploy.isDisabled()).resolves.toBe(true);

      // The catalog lists every worker by its Chinese name; picking one applies its template.
      await page.getByTestId('open-worker-catalog').click();
      const catalog = page.getByTestId('worker-catalog');
      for (const name of ['确定承办单位与时限', '归档', '重办', '计算得分并存档']) {
        // Two loops have an 归档 worker (event-handling, dispute-mediation): any one shows the name.
        await catalog.getByText(name, { exact: true }).first().waitFor();
      }
      await page.getByRole('dialog').getByPlaceholder('按名称或主题查找').fill('上报');
      await expect(catalog.getByText('归档', { exact: true }).count()).resolves.toBe(0);
      await screenshot(page, 'designer-catalog');
      await page.getByTestId('template-zhizhi.event-handling-escalate').click();
      await catalog.waitFor({ state: 'detached' });
      await lint.getByText('规则检查通过').waitFor();
      // The properties panel shows the template applied, with the variables it maps.
      const properties = page.getByTestId('designer-properties');
      await properties.getByText('上报上一级').first().waitFor();
      await properties.getByText('模板属性', { exact: true }).click();
      await properties.getByText('读取 Reads: level').first().waitFor();
      await screenshot(page, 'designer-catalog-applied');

      await deploy.click();
      await page.getByText(`已部署版本 ${v1.version + 1}`).waitFor();

      // The deployed XML, as the API gives it to the designer: topic, template and mappings.
      const v2 = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'event-handling' },
        orderBy: { version: 'desc' },
      });
      expect(v2.version).toBe(v1.version + 1);
      const { xml } = (await designerApi.get(`/api/processes/versions/${v2.id}`).expect(200)).body as {
        xml: string;
      };
      const escalate = /<bpmn:serviceTask id="escalate"[\s\S]*?<\/bpmn:serviceTask>/.exec(xml)?.[0] ?? '';
      expect(escalate).toContain('camunda:type="external"');
      expect(escalate).toContain('camunda:topic="event-handling-escalate"');
      expect(escalate).toContain('camunda:modelerTemplate="zhizhi.event-handling-escalate"');
      expect(escalate).toContain('<camunda:inputParameter name="level">${level}</camunda:inputParameter>');
      expect(escalate).toContain(
        '<camunda:inputParameter name="eventId">${eventId}</camunda:inputParameter>',
      );
      expect(escalate).toContain(
        `<camunda:inputParameter name="reason">\${execution.getVariable('reason')}</camunda:inputParameter>`,
      );
      expect(escalate).toContain('<camunda:outputParameter name="level">${level}</camunda:outputParameter>');
      expect(escalate).toContain(
        '<camunda:outputParameter name="outcome">${outcome}</camunda:outputParameter>',
      );

      // A case on the new version: the grid cannot resolve it, the worker escalates it, and the
      // community's 处置 appears (its unit and deadlines computed from the new level).
      const member = await stack.loginAs('grid.hw01');
      const { id } = await reportEvent(member, { address: '海旺社区 3 栋', description: '消防通道堵塞' });
      const event = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
      expect(event.processDefinitionId).toBe(v2.id);
      await escalateFromGrid(member, id);
      const staff = await stack.loginAs('haiwang.staff');
      const atCommunity = await taskFor(staff, id, 'handle');
      expect(atCommunity).toBeDefined();
      const after = await stack.prisma.event.findUniqueOrThrow({ where: { id } });
      expect(after.level).toBe('COMMUNITY');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('ran without a Content-Security-Policy refusal', () => {
    expect(cspViolations).toEqual([]);
  });
});
