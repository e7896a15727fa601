/**
 * One language (issue #25 item 8): every route of web/src/routes.tsx, opened by its URL in zh-CN as
 * the roles that use it, shows no Latin word outside a short allow-list: what the page shows
 * (its text, the placeholders and tooltips of visible elements), not the code behind it. The
 * parameterised routes open records this suite creates (an event, its task and process instance,
 * a key person, a dispute, a petition). The designer's page is walked deeper, since most of its
 * words come from bpmn-js, its properties panel, dmn-js and form-js: an element of each kind in
 * our diagrams selected with every properties group open, the decision table, and the form editor.
 * The admin page is walked tab by tab. Screenshots: lang-*.png in .zhizhi/artifacts/screenshots/.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, browserSuite, screenshot, signedInPage } from '../browser';
import { ROOT } from '../env';
import { reportEvent, taskFor } from '../events';
import { freshIdNumber } from '../harness';
import { petitionTask, registerPetition } from '../petitions';

/**
 * Latin words a zh-CN page may show, each for its reason. Identifiers pass without being listed:
 * a word with a digit (case numbers, unit codes such as BA-XA-C01, versions such as v3) or joined
 * by . or : (usernames, audit action codes), a file extension after its dot (.bpmn), and anything
 * the page shows as code (a `code` element: admin tables' code columns, the fields an audit entry
 * names, a lint issue's rule and element). A kebab-case word is not let through: an element id
 * such as approve-extension where the step has a name is what this test is for.
 */
const ALLOWED = new Set([
  // The language switch: the one word for a reader who wants English.
  'EN',
  // The standards' own names, which Chinese process tools show untranslated.
  'BPMN',
  'DMN',
  'CMMN',
  'FEEL',
  'ISO',
  'QName',
  // As Chinese writes it (视频AI识别, a channel's name).
  'AI',
  // Products and languages named as such: the modeler files come from, the spreadsheet an export is for.
  'Camunda',
  'Excel',
  'Java',
  // File and geometry formats a user picks, uploads or downloads.
  'PDF',
  'CSV',
  'JSON',
  'HTML',
  'JPEG',
  'PNG',
  'WebP',
  'HEIC',
  'MOV',
  'WebM',
  'GeoJSON',
  'WKT',
  // Units of measure.
  'KB',
  'MB',
  'km',
]);

/** Latin words in `text` that are not allowed (see ALLOWED). */
function latinWords(text: string) {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const words = line.match(/\.?[A-Za-z][A-Za-z0-9_.:-]*/g) ?? [];
    const bad = words.filter(
      (w) =>
        !w.startsWith('.') &&
        /[A-Za-z]{2,}/.test(w) &&
        !/\d|[A-Za-z][.:][A-Za-z]/.test(w) &&
        !ALLOWED.has(w.replace(/\.$/, '')),
    );
    if (bad.length) found.push(`${bad.join(' ')}  ⟵ ${line.trim().slice(0, 120)}`);
  }
  return found;
}

/**
 * Shown but not words of the page: code (see ALLOWED) and bpmn.io's logo, which its licence
 * requires to stay visible on every diagram.
 */
const NOT_WORDS = ['code', '[class*="powered-by"]'];

/**
 * What a person sees on the page: its text, the placeholders of visible inputs and the tooltips
 * of visible elements that show no text of their own (icon buttons, whose tooltip is their only
 * label). Elements matching `skip` are left out, with NOT_WORDS.
 */
const visibleText = (page: Page, skip: string[] = []) =>
  page.evaluate(
    (skip) => {
      const hidden = skip.flatMap((s) => Array.from(document.querySelectorAll<HTMLElement>(s)));
      const before = hidden.map((el) => el.style.visibility);
      hidden.forEach((el) => (el.style.visibility = 'hidden'));
      const out = [document.body.innerText];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[placeholder],[title]'))) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        const placeholder = el.getAttribute('placeholder');
        if (placeholder) out.push(placeholder);
        const title = el.getAttribute('title');
        if (title && !el.innerText?.trim()) out.push(title);
      }
      hidden.forEach((el, i) => (el.style.visibility = before[i]));
      return out.join('\n');
    },
    [...NOT_WORDS, ...skip],
  );

/** Until the page has drawn what it fetched: no spinner, no skeleton. */
async function settled(page: Page) {
  await page.getByTestId('bell').waitFor();
  await page
    .locator('.ant-spin-spinning, .ant-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/** One element of each kind in event-handling.bpmn: task kinds, events, gateways, a conditional flow. */
const EVENT_HANDLING_KINDS = [
  'start',
  'handle',
  'dispatch',
  'mediation',
  'archive',
  'red-deadline',
  'extension-approved',
  'reopen-wait',
  'reopen-closed',
  'end',
  'flow-extension-granted',
];

/**
 * Selects a diagram element as a person does: a shape by a click low on it (above it sits its
 * label), a flow by a click on its line halfway along.
 */
async function select(page: Page, elementId: string) {
  const element = page.locator(`.djs-element[data-element-id="${elementId}"]`).first();
  await element.scrollIntoViewIfNeeded().catch(() => undefined);
  const onLine = await element.evaluate((el) => {
    const line = el.querySelector<SVGGeometryElement>('.djs-visual path, .djs-visual polyline');
    if (!el.classList.contains('djs-connection') || !line) return undefined;
    const p = line.getPointAtLength(line.getTotalLength() / 2);
    const m = line.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
  if (onLine) return page.mouse.click(onLine.x, onLine.y);
  const box = (await element.boundingBox())!;
  await element.click({ position: { x: box.width / 2, y: box.height * 0.8 }, force: true });
}

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'loan-approval');
/** The fixture's English words in Chinese, its ids its own (another suite deploys it as it is). */
const IN_CHINESE: [RegExp, string][] = [
  [/loanApproval/g, 'languageCheck'],
  [/candidateGroups="management"/g, 'candidateGroups="language-check"'],
  [/request-loan/g, 'language-request'],
  [/approve-loan/g, 'language-approve'],
  [/Loan Approval/g, '借款审批'],
  [/Loan Request Received/g, '收到借款申请'],
  [/Approve Loan/g, '审批借款'],
  [/Loan Request Decided/g, '借款已审批'],
  [/"Customer ID"/g, '"客户编号"'],
  [/"Amount"/g, '"金额"'],
  [/"Approved"/g, '"同意"'],
  [/"Comment"/g, '"意见"'],
];
const inChinese = (file: string) =>
  IN_CHINESE.reduce((text, [en, zh]) => text.replace(en, zh), readFileSync(path.join(FIXTURE, file), 'utf8'));
const LANGUAGE_PROCESS = {
  xml: inChinese('loan-approval.bpmn'),
  forms: ['request-loan.form', 'approve-loan.form'].map((f) => ({ schema: JSON.parse(inChinese(f)) })),
};

/** Every path declared in web/src/routes.tsx: a new page is walked once it is given a visit below. */
const declaredPaths = () =>
  [...readFileSync(path.join(ROOT, 'web', 'src', 'routes.tsx'), 'utf8').matchAll(/path: '([^']+)'/g)].map(
    (m) => m[1],
  );

describe('one language in a browser', () => {
  const { stack, browser } = browserSuite();
  const findings: string[] = [];
  const visited = new Set<string>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const member = await stack.loginAs('grid.hw01');
    const event = await reportEvent(member, { address: '海旺社区 5 栋', description: '楼道堆放杂物' });
    ids.case = event.id;
    ids.eventTask = (await taskFor(member, event.id, 'handle')).key;

    const staff = await stack.loginAs('haiwang.staff');
    const users = Object.fromEntries(
      (
        await stack.prisma.user.findMany({
          where: { username: { in: ['grid.hw01', 'hw.police', 'hw.doctor', 'haiwang.staff'] } },
          select: { id: true, username: true },
        })
      ).map((u) => [u.username, u.id]),
    );
    const patient = await staff
      .post('/api/patients')
      .send({
        name: '语言检查患者',
        idNumber: freshIdNumber(),
        address: '海旺社区 6 栋',
        gridId: 'BA-XA-C01-G01',
        riskLevel: 1,
        team: [
          { roleCode: 'grid-member', userId: users['grid.hw01'], designated: true },
          { roleCode: 'police', userId: users['hw.police'] },
          { roleCode: 'psychiatrist', userId: users['hw.doctor'] },
          { roleCode: 'cadre', userId: users['haiwang.staff'] },
        ],
      })
      .expect(201);
    ids.patient = patient.body.id;

    // A building of the address base with a room and a resident (块数据).
    const imported = await staff
      .post('/api/base/import')
      .send({
        buildings: [
          {
            orgId: 'BA-XA-C01',
            gridId: 'BA-XA-C01-G01',
            road: '语言检查路',
            doorNo: '1号',
            name: '1栋',
            rooms: [{ roomNo: '101', residents: [{ name: '语言检查住户', idNumber: freshIdNumber() }] }],
          },
        ],
      })
      .expect(200);
    ids.building = imported.body.buildingIds[0];
    ids.buildingCode = (await stack.prisma.building.findUniqueOrThrow({ where: { id: ids.building } })).code;

    const dispute = await staff
      .post('/api/disputes')
      .send({
        type: 'neighbour',
        summary: '语言检查纠纷',
        communityId: 'BA-XA-C01',
        parties: [{ name: '甲方' }, { name: '乙方' }],
        risk: { level: 'LOW', reasons: [] },
      })
      .expect(201);
    ids.dispute = dispute.body.id;

    const office = await stack.loginAs('petition.staff');
    const petition = await registerPetition(office);
    ids.petition = petition.id;
    ids.petitionTask = (await petitionTask(office, petition.id, 'decide')).key;

    // A designer's process to start (发起) and follow (/instances/:id): Camunda Modeler's loan
    // approval fixture, in Chinese and under ids of its own.
    const designer = await stack.loginAs('designer');
    await designer.post('/api/processes/deployments').send(LANGUAGE_PROCESS).expect(201);
    await designer
      .put('/api/processes/group-mappings/language-check')
      .send({ orgId: 'BA-XA-C01' })
      .expect(200);
    const started = await staff
      .post('/api/processes/languageCheck/start')
      .send({ variables: { customerId: 'C-1', amount: 5000 } })
      .expect(201);
    ids.instance = started.body.processInstanceId;
  });

  /** Opens `url` as the page's user, waits for it to settle and records any Latin word it shows. */
  async function look(page: Page, who: string, url: string, route: string, skip: string[] = []) {
    await page.goto(`${stack.baseUrl()}${url}`);
    await settled(page);
    await check(page, who, url, skip);
    visited.add(route);
  }
  async function check(page: Page, who: string, where: string, skip: string[] = []) {
    for (const f of latinWords(await visibleText(page, skip))) {
      findings.push(`${who} ${where}: ${f}`);
      if (process.env.LANG_TRACE) appendFileSync(process.env.LANG_TRACE, `${who} ${where}: ${f}\n`);
    }
  }

  afterAll(async () => {
    await stack.prisma.groupMapping.deleteMany({ where: { group: 'language-check' } });
    // Every declared route was walked by some role (a route left out fails the suite, not a test).
    expect(declaredPaths().filter((p) => !visited.has(p))).toEqual([]);
  });

  const walks: [who: string, visits: [route: string, url?: () => string][]][] = [
    [
      'grid.hw01',
      [
        ['/todo'],
        ['/tasks/:key', () => `/tasks/${ids.eventTask}`],
        ['/done'],
        ['/cases/:id', () => `/cases/${ids.case}`],
        ['/report'],
        ['/my-reports'],
        ['/map'],
        ['/patients'],
        ['/patients/:id', () => `/patients/${ids.patient}`],
        ['/patrol'],
      ],
    ],
    [
      'haiwang.staff',
      [
        ['/start'],
        ['/start/:key', () => '/start/languageCheck'],
        ['/instances/:id', () => `/instances/${ids.instance}`],
        ['/disputes'],
        ['/disputes/:id', () => `/disputes/${ids.dispute}`],
        ['/base'],
        ['/base/buildings/:id', () => `/base/buildings/${ids.building}`],
        ['/qr/:code', () => `/qr/${ids.buildingCode}`],
      ],
    ],
    ['hw.doctor', [['/patients/:id', () => `/patients/${ids.patient}`]]],
    ['hw.police', [['/todo'], ['/patients/:id', () => `/patients/${ids.patient}`]]],
    [
      'petition.staff',
      [
        ['/petitions'],
        ['/petitions/:id', () => `/petitions/${ids.petition}`],
        ['/tasks/:key', () => `/tasks/${ids.petitionTask}`],
      ],
    ],
    [
      'district.lead',
      [
        ['/home'],
        ['/cases'],
        ['/cases/:id', () => `/cases/${ids.case}`],
        ['/supervision'],
        ['/rankings'],
        ['/map'],
        ['/screen'],
        ['/patients'],
        ['/patients/:id', () => `/patients/${ids.patient}`],
        ['/patient-targets'],
        ['/disputes'],
        ['/disputes/:id', () => `/disputes/${ids.dispute}`],
        ['/petitions'],
        ['/petitions/:id', () => `/petitions/${ids.petition}`],
        ['/patrols'],
        ['/warnings'],
        ['/sampling'],
        ['/joint-inspections'],
        ['/opinion'],
      ],
    ],
  ];

  it(
    'shows every route in Chinese to the roles that use it',
    async () => {
      for (const [who, visits] of walks) {
        const page = await signedInPage(browser(), stack.baseUrl(), who);
        for (const [route, url] of visits) await look(page, who, url ? url() : route, route);
        // The notices the bell opens (alerts, deadlines, 督办), over a page with no drawer of its own.
        await page.goto(`${stack.baseUrl()}/done`);
        await settled(page);
        await page.getByTestId('bell').click();
        await page.locator('.ant-drawer-body').waitFor();
        await settled(page);
        await check(page, who, 'notices');
        await page.close();
      }
      expect(findings).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows the audit log and every admin tab in Chinese, and English on the switch',
    async () => {
      findings.length = 0;
      const admin = await signedInPage(browser(), stack.baseUrl(), 'admin');
      await look(admin, 'admin', '/audit', '/audit');
      await screenshot(admin, 'lang-audit');
      await look(admin, 'admin', '/admin', '/admin');
      for (const tab of await admin.getByRole('tab').all()) {
        await tab.click();
        await settled(admin);
        await check(admin, 'admin', `/admin ${await tab.innerText()}`);
      }
      // English is there when asked for: the switch turns the same page's words to English.
      await admin.getByText('EN', { exact: true }).click();
      await admin.getByRole('tab', { name: 'Users', exact: true }).waitFor();
      expect(await admin.getByRole('tab', { name: '用户', exact: true }).count()).toBe(0);
      await admin.close();
      expect(findings).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'shows the designer, its properties panel, decision table and form editor in Chinese',
    async () => {
      findings.length = 0;
      const designer = await signedInPage(browser(), stack.baseUrl(), 'designer');
      await look(designer, 'designer', '/designer', '/designer');
      await designer
        .getByTestId('versions-event-handling')
        .getByRole('button', { name: /打开 v/ })
        .first()
        .click();
      await designer.getByTestId('lint-state').getByText('规则检查通过').waitFor();
      // The process, then one element of each kind in our diagrams, every group of its properties open.
      const panel = designer.getByTestId('designer-properties');
      const openGroups = async (what: string) => {
        for (const header of await panel.locator('.bio-properties-panel-group-header:not(.open)').all())
          await header.click({ timeout: 2_000 }).catch(() => undefined);
        // A list item is titled by the variable it maps: the diagram's own identifier.
        await check(designer, 'designer', `/designer ${what}`, [
          '.bio-properties-panel-collapsible-entry-header-title',
        ]);
      };
      await openGroups('process');
      for (const id of EVENT_HANDLING_KINDS) {
        await select(designer, id);
        await designer.waitForTimeout(200);
        await openGroups(id);
      }
      await screenshot(designer, 'lang-designer');

      // The decision table (dmn-js).
      await look(designer, 'designer', '/designer', '/designer');
      await designer
        .getByTestId('decision-versions-assessment-weights-definitions')
        .getByRole('button', { name: /打开 v/ })
        .first()
        .click();
      await designer.getByTestId('decision-editor').waitFor();
      // The table's own words as its DMN file writes them (labels, expressions, names, types): what is edited.
      await check(designer, 'designer', '/designer decision', [
        '.input-label, .output-label, .input-expression, .output-name, .input-variable, .output-variable',
      ]);
      await screenshot(designer, 'lang-dmn');

      // The form editor (form-js): its palette and properties; the form it edits is the designer's text.
      await look(designer, 'designer', '/designer', '/designer');
      await designer
        .getByTestId('versions-petition')
        .getByRole('button', { name: /打开 v/ })
        .first()
        .click();
      await designer.getByTestId('lint-state').getByText('规则检查通过').waitFor();
      await select(designer, 'handle');
      await designer.getByTestId('open-form-editor').click();
      const editor = designer.getByTestId('form-editor');
      await editor.locator('.fjs-form-field').first().waitFor();
      await editor.locator('.fjs-form-field-textarea, .fjs-form-field-textfield').first().click();
      await check(designer, 'designer', '/designer form editor', [
        // The form's own text (a field's label, bilingual by the loops' convention), on the canvas,
        // in the editable entries and as the selected field's heading.
        '.fjs-form-container',
        '[contenteditable]',
        '.cm-editor',
        '.fjs-properties-container .bio-properties-panel-header-label',
      ]);
      await screenshot(designer, 'lang-form-editor');
      await designer.close();

      expect(findings).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
