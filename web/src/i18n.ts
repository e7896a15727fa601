import { createContext, useCallback, useContext } from 'react';
import { adminMessages } from './admin/messages';
import { auditMessages } from './audit/messages';
import { supervisionMessages } from './supervision/messages';
import { mapMessages } from './map/messages';
import { disputeMessages } from '../../loops/dispute-mediation/web/messages';
import { fieldMessages } from './field/messages';
import { workMessages } from './work-messages';
import { patientMessages } from '../../loops/patient-care/web/messages';
import { petitionMessages } from '../../loops/petition/web/messages';
import { baseDataMessages } from '../../loops/base-data/web/messages';
import { assessmentMessages } from '../../loops/assessment/web/messages';
import { opinionMessages } from './opinion/messages';
import { inspectionMessages } from '../../loops/joint-inspection/web/messages';
import { patrolMessages } from '../../loops/patrol/web/messages';
import { warningMessages } from '../../loops/early-warning/web/messages';
import { samplingMessages } from '../../loops/satisfaction-sampling/web/messages';

/** The web app's one i18n layer: zh-CN first, English on the switch. */
export type Locale = 'zh-CN' | 'en';
export type Localized = Record<Locale, string>;

const coreMessages = {
  appName: { 'zh-CN': '智治', en: 'Zhizhi' },
  'nav.work': { 'zh-CN': '我的工作', en: 'My work' },
  'nav.supervision': { 'zh-CN': '督办考评', en: 'Supervision & rankings' },
  'nav.map': { 'zh-CN': '地图大屏', en: 'Map & screen' },
  'nav.open': { 'zh-CN': '菜单', en: 'Menu' },
  tagline: { 'zh-CN': '基层社会治理工作流平台', en: 'Workflow platform for grassroots governance' },
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  loginWait: { 'zh-CN': '请在 {time} 后再试', en: 'Try again in {time}' },
  login: { 'zh-CN': '登录', en: 'Log in' },
  logout: { 'zh-CN': '退出', en: 'Log out' },
  changePasswordTitle: { 'zh-CN': '修改初始密码', en: 'Change your one-time password' },
  changePasswordHint: {
    'zh-CN': '您使用的是一次性密码，请先设置自己的密码，才能继续使用。',
    en: 'You signed in with a one-time password: set your own password to continue.',
  },
  currentPassword: { 'zh-CN': '当前密码', en: 'Current password' },
  newPassword: { 'zh-CN': '新密码', en: 'New password' },
  confirmPassword: { 'zh-CN': '确认新密码', en: 'Confirm the new password' },
  passwordRules: {
    'zh-CN': '至少 10 位，含大写字母、小写字母、数字、符号中的三类，不含用户名',
    en: 'At least 10 characters from 3 of: upper case, lower case, digits, symbols; not your username',
  },
  passwordsDiffer: { 'zh-CN': '两次输入的密码不一致', en: 'The two passwords differ' },
  changePassword: { 'zh-CN': '修改密码', en: 'Change password' },
  todo: { 'zh-CN': '待办', en: 'To do' },
  done: { 'zh-CN': '已办', en: 'Done' },
  report: { 'zh-CN': '事件上报', en: 'Report an event' },
  start: { 'zh-CN': '发起', en: 'Start' },
  'start.title': { 'zh-CN': '发起流程', en: 'Start a process' },
  'start.none': { 'zh-CN': '暂无您可发起的流程', en: 'There is no process you may start' },
  'start.open': { 'zh-CN': '填写发起表单', en: 'Fill in its start form' },
  'start.form': { 'zh-CN': '发起表单', en: 'Start form' },
  'start.noForm': {
    'zh-CN': '该流程没有发起表单，直接提交即可发起。',
    en: 'This process has no start form: submit to start it.',
  },
  'start.submit': { 'zh-CN': '提交并发起', en: 'Submit and start' },
  'start.started': {
    'zh-CN': '已发起，第一步已进入相应人员的待办',
    en: 'Started: its first step is in the inbox of whoever takes it',
  },
  task: { 'zh-CN': '任务', en: 'Task' },
  process: { 'zh-CN': '流程', en: 'Process' },
  unit: { 'zh-CN': '承办单位', en: 'Unit' },
  dueDate: { 'zh-CN': '期限', en: 'Due' },
  created: { 'zh-CN': '创建时间', en: 'Created' },
  onTime: { 'zh-CN': '正常', en: 'On time' },
  all: { 'zh-CN': '全部', en: 'All' },
  claim: { 'zh-CN': '签收', en: 'Claim' },
  category: { 'zh-CN': '事件类别', en: 'Category' },
  urgency: { 'zh-CN': '紧急程度', en: 'Urgency' },
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
  normal: { 'zh-CN': '一般', en: 'Normal' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
  address: { 'zh-CN': '地址', en: 'Address' },
  description: { 'zh-CN': '事件描述', en: 'Description' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  reported: { 'zh-CN': '已上报，案件编号', en: 'Reported, case number' },
  required: { 'zh-CN': '必填', en: 'Required' },
  complete: { 'zh-CN': '完成', en: 'Complete' },
  completed: { 'zh-CN': '已办理', en: 'Completed' },
  return: { 'zh-CN': '退回', en: 'Return' },
  reason: { 'zh-CN': '原因（必填）', en: 'Reason (required)' },
  noForm: {
    'zh-CN': '此环节没有表单：核对以下信息后点击完成',
    en: 'This step has no form: check the values below and complete it',
  },
  unclaim: { 'zh-CN': '取消签收', en: 'Unclaim' },
  yellow: { 'zh-CN': '黄牌超期', en: 'Overdue (yellow)' },
  red: { 'zh-CN': '红牌超期', en: 'Overdue (red)' },
  daysLeft: { 'zh-CN': '剩余 {n} 个工作日', en: '{n} working days left' },
  dueToday: { 'zh-CN': '今日到期', en: 'Due today' },
  deadlineState: { 'zh-CN': '时限状态', en: 'Deadline' },
  transfer: { 'zh-CN': '转办', en: 'Transfer' },
  extension: { 'zh-CN': '申请延期', en: 'Ask for more time' },
  transferTo: { 'zh-CN': '转办单位', en: 'Transfer to' },
  extraDays: { 'zh-CN': '延期工作日', en: 'Extra working days' },
  openCase: { 'zh-CN': '查看案件', en: 'Open the case' },
  cases: { 'zh-CN': '案件', en: 'Cases' },
  caseNo: { 'zh-CN': '案件编号', en: 'Case number' },
  status: { 'zh-CN': '状态', en: 'Status' },
  level: { 'zh-CN': '当前层级', en: 'Level' },
  reporter: { 'zh-CN': '上报人', en: 'Reporter' },
  timeline: { 'zh-CN': '办理过程', en: 'Timeline' },
  diagram: { 'zh-CN': '流程图', en: 'Diagram' },
  diagramFailed: {
    'zh-CN': '流程图无法显示，案件其余信息不受影响',
    en: 'The diagram cannot be shown; the rest of the case is unaffected',
  },
  currentSteps: { 'zh-CN': '当前环节', en: 'Current steps' },
  legendCurrent: { 'zh-CN': '当前环节', en: 'Current step' },
  legendDone: { 'zh-CN': '已完成路径', en: 'Path taken' },
  back: { 'zh-CN': '返回', en: 'Back' },
  version: { 'zh-CN': '版本', en: 'Version' },
  'status.OPEN': { 'zh-CN': '办理中', en: 'Open' },
  'status.ARCHIVED': { 'zh-CN': '已归档', en: 'Archived' },
  'level.GRID': { 'zh-CN': '网格', en: 'Grid' },
  'level.COMMUNITY': { 'zh-CN': '社区', en: 'Community' },
  'level.STREET': { 'zh-CN': '街道', en: 'Street' },
  'level.DISTRICT': { 'zh-CN': '区', en: 'District' },
  'action.reported': { 'zh-CN': '事件上报', en: 'Reported' },
  'action.dispatched': { 'zh-CN': '分拨至承办单位', en: 'Dispatched' },
  'action.escalated': { 'zh-CN': '本级无法解决，上报上一级', en: 'Escalated (cannot resolve here)' },
  'action.escalated-overdue': { 'zh-CN': '红色超时，自动上报上一级', en: 'Escalated (red deadline passed)' },
  'action.extended': { 'zh-CN': '延期获批', en: 'Extension granted' },
  'action.verifierRaised': {
    'zh-CN': '核查与回访交上一级（四眼原则）',
    en: 'Verification passed up a level (four eyes)',
  },
  'action.handed-to-mediation': { 'zh-CN': '转矛盾纠纷调解', en: 'Handed over to mediation' },
  'action.archived': { 'zh-CN': '归档', en: 'Archived' },
  'action.reopened': { 'zh-CN': '重办', en: 'Reopened' },
  'action.inspection-finding': {
    'zh-CN': '联合检查发现问题，移交立案',
    en: 'Sent for enforcement by a joint inspection',
  },
  'action.completed': { 'zh-CN': '办理完成：', en: 'Completed: ' },
  designer: { 'zh-CN': '流程设计', en: 'Process designer' },
  diagrams: { 'zh-CN': '流程图', en: 'Diagrams' },
  decisions: { 'zh-CN': '决策表', en: 'Decisions' },
  deployedAt: { 'zh-CN': '部署时间', en: 'Deployed' },
  runningCases: { 'zh-CN': '运行中的案件', en: 'Running cases' },
  open: { 'zh-CN': '打开', en: 'Open' },
  download: { 'zh-CN': '下载 .bpmn', en: 'Download .bpmn' },
  downloadDmn: { 'zh-CN': '下载 .dmn', en: 'Download .dmn' },
  deployNew: { 'zh-CN': '部署新版本', en: 'Deploy new version' },
  trial: { 'zh-CN': '试算', en: 'Trial' },
  trialTitle: {
    'zh-CN': '试算：草稿在真实输入上会怎样决定',
    en: 'Trial: what the draft would have decided on real inputs',
  },
  trialRun: { 'zh-CN': '开始试算', en: 'Run the trial' },
  trialStarting: { 'zh-CN': '正在开始试算…', en: 'Starting the trial…' },
  trialReading: { 'zh-CN': '正在读取决策记录：已读 {n} 条', en: 'Reading recorded decisions: {n} so far' },
  trialEvaluating: {
    'zh-CN': '引擎正在重算：{n} / {total} 组不同输入',
    en: 'The engine is evaluating: {n} of {total} distinct inputs',
  },
  trialSummarising: { 'zh-CN': '正在汇总结果…', en: 'Summing up…' },
  trialEvaluations: { 'zh-CN': '期间决策次数', en: 'Evaluations in the period' },
  trialReplayed: { 'zh-CN': '已重算', en: 'Replayed' },
  trialChanged: { 'zh-CN': '结果改变', en: 'Would change' },
  trialFrom: { 'zh-CN': '原结果', en: 'Was' },
  trialTo: { 'zh-CN': '草稿结果', en: 'Draft gives' },
  trialCount: { 'zh-CN': '次数', en: 'Count' },
  trialUnknownUnit: { 'zh-CN': '未知单位', en: 'Unknown unit' },
  trialCases: { 'zh-CN': '结果改变的案件', en: 'Cases that would change' },
  trialRulesNeverHit: { 'zh-CN': '期间内没有命中的规则', en: 'Rules no input reached' },
  trialUnmatched: { 'zh-CN': '没有规则匹配的输入', en: 'Inputs no rule matches' },
  trialFailures: { 'zh-CN': '草稿无法计算的输入', en: 'Inputs the draft fails on' },
  trialNone: { 'zh-CN': '此草稿尚未试算。', en: 'This draft has not been tried.' },
  trialLine: {
    'zh-CN': '试算（{from} 至 {to}）：{evaluations} 次决策中 {changed} 次结果改变。',
    en: 'Trial ({from} to {to}): {changed} of {evaluations} decisions change.',
  },
  trialEditedSince: { 'zh-CN': '试算后草稿又有修改。', en: ' The draft was edited since.' },
  deployDecisionTitle: { 'zh-CN': '部署决策表新版本？', en: 'Deploy a new version of the decision table?' },
  groupMappings: { 'zh-CN': '候选组对应单位', en: 'Candidate groups and their units' },
  groupMappingsNone: {
    'zh-CN': '尚无对应：导入流程的候选组须对应到单位',
    en: 'None yet: map the candidate groups of imported processes (e.g. management) to units',
  },
  candidateGroup: { 'zh-CN': '候选组', en: 'Candidate group' },
  candidateGroupHint: {
    'zh-CN': '导入流程中写的候选组',
    en: 'As the imported process names it, e.g. management',
  },
  groupUnit: { 'zh-CN': '对应单位', en: 'Unit' },
  groupMap: { 'zh-CN': '保存对应', en: 'Save mapping' },
  groupMapped: {
    'zh-CN': '已保存：该组的新任务将进入此单位的待办',
    en: 'Saved: new tasks of this group reach this unit',
  },
  groupUnchanged: {
    'zh-CN': '未变更：该组已对应此单位',
    en: 'Nothing changed: the group is already mapped to this unit',
  },
  groupUnmapConfirm: { 'zh-CN': '删除此对应？', en: 'Remove this mapping?' },
  'instance.state': { 'zh-CN': '状态', en: 'State' },
  'instance.running': { 'zh-CN': '进行中', en: 'Running' },
  'instance.ended': { 'zh-CN': '已结束', en: 'Ended' },
  'instance.initiator': { 'zh-CN': '发起人', en: 'Started by' },
  'instance.started': { 'zh-CN': '发起时间', en: 'Started' },
  'instance.endedAt': { 'zh-CN': '结束时间', en: 'Ended' },
  'instance.openSteps': { 'zh-CN': '当前环节', en: 'Open steps' },
  'instance.step': { 'zh-CN': '环节', en: 'Step' },
  'instance.unit': { 'zh-CN': '承办单位', en: 'Unit' },
  'instance.assignee': { 'zh-CN': '签收人', en: 'Claimed by' },
  'instance.due': { 'zh-CN': '期限', en: 'Due' },
  'instance.variables': { 'zh-CN': '表单数据', en: 'Form data' },
  'instance.open': { 'zh-CN': '查看流程实例', en: 'Open the process instance' },
  'design.new': { 'zh-CN': '新建流程', en: 'New process' },
  'design.newId': {
    'zh-CN': '流程标识（英文字母开头，如 leave-request）',
    en: 'Process id (starts with a letter, e.g. leave-request)',
  },
  'design.newName': { 'zh-CN': '流程名称', en: 'Process name' },
  'design.badId': {
    'zh-CN': '以英文字母开头，只含字母、数字、-、_、.',
    en: 'Starts with a letter; letters, digits, -, _ and . only',
  },
  'design.notDeployed': { 'zh-CN': '未部署', en: 'not deployed' },
  importTitle: { 'zh-CN': '导入流程（Camunda 建模器文件）', en: 'Import a process (Camunda Modeler)' },
  importPick: { 'zh-CN': '选择文件并部署', en: 'Choose files and deploy' },
  importHint: {
    'zh-CN': '选择一个 .bpmn 流程图及其引用的 .form 表单，一并部署为新版本。',
    en: 'Choose one .bpmn diagram and the .form files it names: they are deployed together as a new version.',
  },
  importNeedsBpmn: { 'zh-CN': '请选择一个 .bpmn 流程图文件', en: 'Choose one .bpmn diagram file' },
  importBadForm: { 'zh-CN': '表单文件不是有效的 JSON', en: 'A form file is not valid JSON' },
  deployed: { 'zh-CN': '已部署版本', en: 'Deployed version' },
  lintOk: { 'zh-CN': '规则检查通过', en: 'Lint passed' },
  lintErrors: { 'zh-CN': '个错误', en: 'error(s)' },
  lintWarnings: { 'zh-CN': '个警告', en: 'warning(s)' },
  lintBlocks: { 'zh-CN': '请先修正规则检查错误再部署', en: 'Fix the lint errors before deploying' },
  editing: { 'zh-CN': '正在编辑', en: 'Editing' },
  workerCatalog: { 'zh-CN': '自动步骤目录', en: 'Worker catalog' },
  workerCatalogFilter: { 'zh-CN': '按名称或主题查找', en: 'Find by name or topic' },
  workerReadsWrites: {
    'zh-CN': '读取 {reads} 个变量，写入 {writes} 个',
    en: 'Reads {reads} variables, writes {writes}',
  },
  workerCatalogSelectTask: {
    'zh-CN': '请先在图中选中一个任务，再从目录选择自动步骤',
    en: 'Select a task in the diagram first, then pick a worker from the catalog',
  },
  'form.edit': { 'zh-CN': '编辑表单', en: 'Edit form' },
  'form.new': { 'zh-CN': '新建表单', en: 'New form' },
  'form.selectStep': {
    'zh-CN': '请先在图中选中一个用户任务或开始事件，再编辑它的表单',
    en: 'Select a user task or a start event in the diagram first, then edit its form',
  },
  'form.title': { 'zh-CN': '表单编辑', en: 'Form editor' },
  'form.save': { 'zh-CN': '保存表单（随流程部署）', en: 'Keep the form (deployed with the diagram)' },
  'form.pending': { 'zh-CN': '待部署的表单', en: 'Forms to deploy' },
  'form.duplicateKey': { 'zh-CN': '字段键「{key}」重复', en: 'The key "{key}" is used twice' },
  'form.noKey': { 'zh-CN': '字段「{label}」没有键', en: 'The field "{label}" has no key' },
  pickVersion: {
    'zh-CN': '选择一个版本打开；修改后部署为新版本，运行中的案件仍按原版本执行',
    en: 'Open a version; deploying creates a new version, running cases stay on theirs',
  },
  rankings: { 'zh-CN': '考评排名', en: 'Rankings' },
  period: { 'zh-CN': '考核周期', en: 'Period' },
  runAssessment: { 'zh-CN': '按需考评', en: 'Run assessment' },
  runStarted: { 'zh-CN': '已启动考评，稍后刷新查看', en: 'Assessment started; refresh shortly' },
  refresh: { 'zh-CN': '刷新', en: 'Refresh' },
  'rankings.streets': { 'zh-CN': '街道', en: 'Streets' },
  'rankings.communities': { 'zh-CN': '社区', en: 'Communities' },
  'rankings.departments': { 'zh-CN': '职能部门', en: 'Departments' },
  rank: { 'zh-CN': '排名', en: 'Rank' },
  score: { 'zh-CN': '得分', en: 'Score' },
  response: { 'zh-CN': '签收及时率', en: 'Claimed in time' },
  solvedOnTime: { 'zh-CN': '按期办结率', en: 'Solved on time' },
  satisfaction: { 'zh-CN': '满意率', en: 'Satisfaction' },
  rework: { 'zh-CN': '回退/重办', en: 'Rework' },
  yellowCards: { 'zh-CN': '黄牌', en: 'Yellow cards' },
  mediationRate: { 'zh-CN': '调解成功率', en: 'Mediation success' },
  preventionRate: { 'zh-CN': '防激化率', en: 'Kept from escalating' },
  petitionAcceptRate: { 'zh-CN': '信访及时受理率', en: 'Petitions decided in time' },
  petitionOnTimeRate: { 'zh-CN': '信访按期办结率', en: 'Petitions handled on time' },
  petitionSatisfactionRate: { 'zh-CN': '信访群众满意率', en: 'Petitioners satisfied' },
  petitionRepeatRate: { 'zh-CN': '重复信访率', en: 'Repeat petitions' },
  patrolRate: { 'zh-CN': '巡查率', en: 'Patrol quota weeks met' },
  redCards: { 'zh-CN': '红牌', en: 'Red cards' },
  separationOverrides: { 'zh-CN': '准予例外', en: 'Four-eyes exceptions' },
  trend: { 'zh-CN': '得分趋势', en: 'Score trend' },
  closed: { 'zh-CN': '已封账', en: 'Closed' },
  provisional: { 'zh-CN': '未封账（暂定）', en: 'Open (provisional)' },
  noRuns: { 'zh-CN': '暂无考评结果', en: 'No assessment results yet' },
  noRunsCanRun: {
    'zh-CN': '暂无考评结果：选择月份后点击“按需考评”生成，或等待每月初的自动考评。',
    en: 'No results yet: pick a month and press “Run assessment”, or wait for the monthly run.',
  },
  noRunsWait: {
    'zh-CN': '暂无考评结果：考评于每月初自动进行，完成后在此显示。',
    en: 'No results yet: the assessment runs at the start of each month and shows here when done.',
  },
  rankingRules: { 'zh-CN': '排名规则', en: 'How the ranking works' },
  bandRule: {
    'zh-CN':
      '红榜：得分 ≥ {red} 分；黑榜：得分 < {black} 分；按分数定色，同分同色。本期无工作的单位不参与排名。',
    en: 'Red list: score ≥ {red}; black list: score < {black}; coloured by score, equal scores share a colour. Units with no work this period are not ranked.',
  },
  formula: {
    'zh-CN':
      '得分 = 签收及时率×{response} + 按期办结率×{onTime} + 满意率×{satisfaction}（无此类工作的指标不计，其权重按比例分给其余指标）− 回退/重办率×{rework} − 黄牌×{yellow} − 红牌×{red} − 准予例外×{override}',
    en: 'Score = claimed in time×{response} + solved on time×{onTime} + satisfaction×{satisfaction} (an indicator with no work is left out, its weight shared by the others) − rework rate×{rework} − yellow cards×{yellow} − red cards×{red} − four-eyes exceptions×{override}',
  },
  changeAgainst: { 'zh-CN': '“较上期”与 {period} 相比。', en: '“Change” is against {period}.' },
  noPrevious: { 'zh-CN': '没有上一期结果，暂无变化可比。', en: 'No earlier period to compare with.' },
  change: { 'zh-CN': '较上期', en: 'Change' },
  redList: { 'zh-CN': '红榜', en: 'Red list' },
  blackList: { 'zh-CN': '黑榜', en: 'Black list' },
  noWorkTitle: { 'zh-CN': '不参与排名', en: 'Not ranked' },
  noWorkExplained: {
    'zh-CN':
      '以下单位本期没有任何可考评的工作（无任务、回访、办结或督办），公式得出的满分不反映其工作，因此不参与排名。',
    en: 'These units had nothing to be scored on this period (no task, visit, handled case or card); the formula’s full score says nothing about their work, so they are not ranked.',
  },
  nobodyRanked: {
    'zh-CN': '本期该层级没有可排名的单位：请选择其他周期或层级。',
    en: 'No unit of this level had work this period: choose another period or level.',
  },
  casesBehind: { 'zh-CN': '明细案件', en: 'Cases behind the figure' },
  counted: { 'zh-CN': '计入', en: 'Counts' },
  time: { 'zh-CN': '时间', en: 'Time' },
  hit: { 'zh-CN': '达标/计分', en: 'Hit' },
  miss: { 'zh-CN': '未达标', en: 'Miss' },
  'action.delegated': { 'zh-CN': '委派', en: 'Delegated' },
  'action.delegation-resolved': { 'zh-CN': '受托人办毕交回', en: 'Given back by the delegate' },
  delegate: { 'zh-CN': '委派', en: 'Delegate' },
  resolve: { 'zh-CN': '办毕交回', en: 'Give back' },
  delegateTo: { 'zh-CN': '委派给', en: 'Delegate to' },
  delegatedBy: {
    'zh-CN': '由 {name} 委派给您，办毕请交回',
    en: 'Delegated to you by {name}; give it back when done',
  },
  delegatedTag: { 'zh-CN': '委派中', en: 'Delegated' },
  result: { 'zh-CN': '办理结果（必填）', en: 'What you did (required)' },
  'done.delegate': { 'zh-CN': '已委派', en: 'Delegated' },
  'done.resolve': { 'zh-CN': '已交回', en: 'Given back' },
  handledBy: { 'zh-CN': '办理人', en: 'By' },
  recall: { 'zh-CN': '收回委派', en: 'Take back' },
  'done.recall': { 'zh-CN': '已收回', en: 'Taken back' },
  'action.delegation-recalled': { 'zh-CN': '委派人收回', en: 'Taken back by the delegator' },
  copy: { 'zh-CN': '抄送', en: 'Copy to' },
  cosign: { 'zh-CN': '加签', en: 'Ask to co-sign' },
  sign: { 'zh-CN': '会签', en: 'Co-sign' },
  withdraw: { 'zh-CN': '撤回', en: 'Take back' },
  withdrawConfirm: {
    'zh-CN': '撤回后本环节回到您的待办，下一环节取消。确定撤回吗？',
    en: 'The step returns to your inbox and the next step is cancelled. Take it back?',
  },
  'done.withdraw': { 'zh-CN': '已撤回，请在待办中重新办理', en: 'Taken back: work it again from your inbox' },
  'done.copy': { 'zh-CN': '已抄送', en: 'Copied' },
  'done.cosign': {
    'zh-CN': '已发起加签，会签完成后再办理',
    en: 'Co-signing asked; complete once everyone has signed',
  },
  'done.sign': { 'zh-CN': '已会签', en: 'Signed' },
  cancelCosign: { 'zh-CN': '撤销加签', en: 'Take back co-signing' },
  'done.cancelCosign': { 'zh-CN': '已撤销未会签的加签', en: 'Co-signing not yet done was taken back' },
  'action.cosign-cancelled': { 'zh-CN': '撤销加签', en: 'Co-signing taken back' },
  copyTo: { 'zh-CN': '抄送给', en: 'Copy to' },
  cosignBy: { 'zh-CN': '会签人', en: 'Co-signers' },
  shareNote: { 'zh-CN': '附言', en: 'Note' },
  cosignOpinion: { 'zh-CN': '会签意见（必填）', en: 'Your opinion (required)' },
  sharesTitle: { 'zh-CN': '抄送与加签', en: 'Copies and co-signing' },
  cosigned: { 'zh-CN': '已会签', en: 'Signed' },
  cosignWaiting: { 'zh-CN': '待会签', en: 'To sign' },
  shareRead: { 'zh-CN': '已读', en: 'Read' },
  shareUnread: { 'zh-CN': '未读', en: 'Unread' },
  'readOnly.copied': { 'zh-CN': '此任务抄送给您，仅供阅知', en: 'This task was copied to you, to read' },
  'action.copied': { 'zh-CN': '抄送', en: 'Copied' },
  'action.cosign-asked': { 'zh-CN': '发起加签', en: 'Co-signing asked' },
  'action.cosigned': { 'zh-CN': '会签', en: 'Co-signed' },
  'action.withdrawn': { 'zh-CN': '撤回', en: 'Taken back' },
  'action.separation-permitted': { 'zh-CN': '准予例外（四眼原则）', en: 'Four-eyes exception allowed' },
  permit: { 'zh-CN': '准予例外', en: 'Allow an exception' },
  'done.permit': {
    'zh-CN': '已准予例外：此人可办理本环节，考评将记录一次',
    en: 'Exception allowed: they may do this step; the assessment records it',
  },
  permitWho: { 'zh-CN': '准予何人', en: 'Allow whom' },
  permitReason: {
    'zh-CN': '准予理由（必填，记入审计与考评）',
    en: 'Reason (required; audited and assessed)',
  },
  'separation.barred': {
    'zh-CN': '四眼原则：以下人员不得办理本环节',
    en: 'Four eyes: these people may not do this step',
  },
  'separation.did': { 'zh-CN': '办理过「{step}」', en: 'did "{step}"' },
  'separation.reporter': { 'zh-CN': '本案上报人', en: 'reported the case' },
  'separation.permitted': { 'zh-CN': '已准予例外', en: 'Exception allowed' },
  'action.judicial-confirmation-applied': {
    'zh-CN': '申请司法确认',
    en: 'Judicial confirmation applied for',
  },
  'action.judicial-confirmation-ruled': { 'zh-CN': '司法确认裁定', en: 'Judicial confirmation ruled' },
  'scope.copied': { 'zh-CN': '抄送我的', en: 'Copied to me' },
  'scope.cosign': { 'zh-CN': '待我会签', en: 'To co-sign' },
  sharedFrom: { 'zh-CN': '发送人', en: 'From' },
  sharedAt: { 'zh-CN': '发送时间', en: 'Sent' },
  shareState: { 'zh-CN': '状态', en: 'State' },
  taskEnded: { 'zh-CN': '已结束', en: 'Ended' },
  taskOpen: { 'zh-CN': '办理中', en: 'In progress' },
  noShared: { 'zh-CN': '暂无', en: 'Nothing here' },
  'card.category': { 'zh-CN': '事件类别', en: 'Category' },
  'card.address': { 'zh-CN': '地址', en: 'Address' },
  'card.person': { 'zh-CN': '姓名', en: 'Name' },
  'card.risk': { 'zh-CN': '风险等级', en: 'Risk level' },
  'card.riskLevel': { 'zh-CN': '{n} 级', en: 'Level {n}' },
  'card.nextFollowUp': { 'zh-CN': '下次随访', en: 'Next follow-up' },
  'card.parties': { 'zh-CN': '当事人', en: 'Parties' },
  'card.stage': { 'zh-CN': '调解阶段', en: 'Stage' },
  'card.stageDue': { 'zh-CN': '本阶段期限', en: 'Stage limit' },
  'card.petitioner': { 'zh-CN': '信访人', en: 'Petitioner' },
  'card.decisionDue': { 'zh-CN': '受理期限', en: 'Decide by' },
  'card.handleDue': { 'zh-CN': '办理期限', en: 'Handle by' },
  'card.enterprise': { 'zh-CN': '企业', en: 'Enterprise' },
  'card.grade': { 'zh-CN': '信用等级', en: 'Credit grade' },
  'card.matters': { 'zh-CN': '检查事项', en: 'Matters' },
  'card.proposedBy': { 'zh-CN': '提交人', en: 'Proposed by' },
} satisfies Table;

type Table = Record<string, Localized>;
/** The keys a later table defines again (spread together, the later text would silently win). */
type Clash<T extends readonly Table[], Seen extends string = never> = T extends readonly [
  infer H extends Table,
  ...infer R extends readonly Table[],
]
  ? Extract<keyof H, Seen> | Clash<R, Seen | Extract<keyof H, string>>
  : never;
type Joined<T extends readonly Table[]> = T extends readonly [infer H, ...infer R extends readonly Table[]]
  ? H & Joined<R>
  : unknown;

/** The features' tables as one; a key two of them define fails the build, the clash named in the error. */
function joinTables<const T extends readonly Table[]>(
  tables: T,
  ..._noClash: [Clash<T>] extends [never] ? [] : [clash: Clash<T>]
): Joined<T> {
  return Object.assign({}, ...tables) as Joined<T>;
}

const messages = joinTables([
  coreMessages,
  supervisionMessages,
  mapMessages,
  adminMessages,
  disputeMessages,
  fieldMessages,
  auditMessages,
  workMessages,
  patientMessages,
  petitionMessages,
  baseDataMessages,
  assessmentMessages,
  opinionMessages,
  inspectionMessages,
  patrolMessages,
  warningMessages,
  samplingMessages,
]);

export type MessageKey = keyof typeof messages;

export const I18nContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'zh-CN',
  setLocale: () => undefined,
});

/** A message in `locale`, `{name}` placeholders filled from `values` (components use `useT`). */
export const translate = (locale: Locale, key: MessageKey, values: Record<string, string | number> = {}) =>
  messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/** The message in the user's language, `{name}` placeholders filled from `values`. */
export function useT() {
  const { locale } = useContext(I18nContext);
  // Stable per locale, so memos and effects that use it do not rerun on every render.
  return useCallback(
    (key: MessageKey, values: Record<string, string | number> = {}) => translate(locale, key, values),
    [locale],
  );
}

/** A message key built at run time (an API code such as a timeline action), if the app knows it. */
const isMessageKey = (key: string): key is MessageKey => key in messages;

/** For keys built at run time: the message when the app knows the key, else `fallback`. */
export function useTryT() {
  const t = useT();
  return useCallback((key: string, fallback = key) => (isMessageKey(key) ? t(key) : fallback), [t]);
}

/**
 * A text's words in the reader's language. The loops' forms and the API's route summaries write
 * 「中文 English」 (one text serves both); a text in that shape shows the reader's half, any other
 * text (a form from Camunda Modeler, a designer's Chinese-only label) stays as written.
 */
const BILINGUAL = /^(.*[\u4e00-\u9fff].*?)\s+([A-Za-z].*)$/s;
export function inLocale(text: string, locale: Locale): string;
export function inLocale(text: unknown, locale: Locale): unknown;
export function inLocale(text: unknown, locale: Locale) {
  if (typeof text !== 'string') return text;
  const m = BILINGUAL.exec(text);
  return m ? m[locale === 'zh-CN' ? 1 : 2] : text;
}
