import type { Localized } from '../../../web/src/i18n';

/** The joint-inspection pages' texts, part of the app's one message table (web/src/i18n.ts). */
export const inspectionMessages = {
  inspections: { 'zh-CN': '联合检查', en: 'Joint inspections' },
  'inspection.list': { 'zh-CN': '联合检查', en: 'Inspections' },
  'inspection.plans': { 'zh-CN': '检查计划', en: 'Plans' },
  'inspection.enterprises': { 'zh-CN': '企业信用', en: 'Enterprises' },
  'inspection.merge': { 'zh-CN': '合并排期', en: 'Merge the plans' },
  'inspection.merged': { 'zh-CN': '生成 {n} 次检查', en: '{n} inspections made' },
  'inspection.file': { 'zh-CN': '提交检查计划', en: 'File a plan' },
  'inspection.enterprise': { 'zh-CN': '企业', en: 'Enterprise' },
  'inspection.uscc': { 'zh-CN': '统一社会信用代码', en: 'Credit code' },
  'inspection.grade': { 'zh-CN': '信用等级', en: 'Grade' },
  'inspection.matter': { 'zh-CN': '检查事项', en: 'Matter' },
  'inspection.period': { 'zh-CN': '检查期间', en: 'Period' },
  'inspection.complaint': { 'zh-CN': '因投诉检查', en: 'On a complaint' },
  'inspection.lead': { 'zh-CN': '牵头部门', en: 'Lead department' },
  'inspection.departments': { 'zh-CN': '参加部门', en: 'Departments' },
  'inspection.findings': { 'zh-CN': '检查结果', en: 'Findings' },
  'inspection.saved': {
    'zh-CN': '合并 {plans} 项计划为 {inspections} 次检查，减少入企 {saved} 次',
    en: '{plans} plans in {inspections} visits: {saved} visits saved',
  },
  'inspection.importGrades': { 'zh-CN': '导入信用等级（.xlsx/.csv）', en: 'Import grades (.xlsx/.csv)' },
  'inspection.imported': {
    'zh-CN': '读取 {received} 行，新增 {kept} 条',
    en: '{received} rows read, {kept} new',
  },
  'inspection.importHelp': {
    'zh-CN': '表头：统一社会信用代码、信用等级（A–D）、评定日期（YYYY-MM-DD）；有一行不对则整份不导入。',
    en: 'Columns: 统一社会信用代码 (uscc), 信用等级 (grade A–D), 评定日期 (gradedAt, YYYY-MM-DD); one wrong row refuses the whole file.',
  },
  'inspection.PLANNED': { 'zh-CN': '待合并', en: 'Filed' },
  'inspection.MERGED': { 'zh-CN': '已排期', en: 'Scheduled' },
  'inspection.DONE': { 'zh-CN': '已完成', en: 'Done' },
  'inspection.OPEN': { 'zh-CN': '检查中', en: 'Under way' },
  'inspection.PASS': { 'zh-CN': '未发现问题', en: 'No issues' },
  'inspection.ISSUES': { 'zh-CN': '责令整改', en: 'Issues' },
  'inspection.SERIOUS': { 'zh-CN': '严重问题', en: 'Serious' },
} satisfies Record<string, Localized>;
