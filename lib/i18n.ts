/**
 * The one i18n layer for messages that leave the server: zh-CN first, English second.
 * Clients show `zh-CN` by default and `en` on the English switch.
 */
export type Localized = { 'zh-CN': string; en: string };

const messages = {
  'error.validation': { 'zh-CN': '请求参数有误', en: 'Invalid request' },
  'error.required': { 'zh-CN': '必填', en: 'Required' },
  'error.invalid': { 'zh-CN': '格式不正确', en: 'Invalid value' },
  'error.tooLong': { 'zh-CN': '过长', en: 'Too long' },
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Please log in' },
  'error.badCredentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'error.forbidden': { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  'error.notFound': { 'zh-CN': '未找到', en: 'Not found' },
  'error.taskNotOpen': { 'zh-CN': '该任务已办结或已取消', en: 'This task is already completed or canceled' },
  'error.badText': {
    'zh-CN': '含有不允许的字符（空字符、控制字符或不完整的 Unicode 字符）',
    en: 'Contains characters that are not allowed (NUL, control characters or broken Unicode)',
  },
  'error.unknownField': { 'zh-CN': '不接受此字段', en: 'This field is not accepted here' },
  'error.databaseUnavailable': {
    'zh-CN': '数据库暂时无法响应，请稍后重试',
    en: 'The database cannot answer right now; please try again shortly',
  },
  'error.unsupportedMediaType': {
    'zh-CN': '请求体须为 JSON（Content-Type: application/json）',
    en: 'The request body must be JSON (Content-Type: application/json)',
  },
  'error.unitNotNameable': {
    'zh-CN': '不能指定该单位：不在您的管辖范围内',
    en: 'You may not name this unit: it is outside your scope',
  },
  'error.badVariable': {
    'zh-CN': '字段值只能是文本、数字、是/否或空',
    en: 'Field values must be text, numbers, true/false or empty',
  },
  'error.taskGone': {
    'zh-CN': '流程引擎中已不存在该任务（可能已被取消）',
    en: 'The engine no longer has this task (it may have been canceled)',
  },
  'error.taskClaimed': { 'zh-CN': '该任务已被他人签收', en: 'Someone else has claimed this task' },
  'error.engineUnavailable': {
    'zh-CN': '流程引擎暂不可用，请稍后重试',
    en: 'The engine is unavailable, try again later',
  },
  'error.unknownCategory': { 'zh-CN': '事件类别不存在或已停用', en: 'Unknown or inactive event category' },
  'error.notAGrid': { 'zh-CN': '不是有效的网格编号', en: 'Not a grid id' },
  'error.outsideScope': {
    'zh-CN': '只能上报本辖区内的事件',
    en: 'You can only report events within your own area',
  },
  'error.actionNotOffered': { 'zh-CN': '该任务不支持此操作', en: 'This task does not offer that action' },
  'error.unknownUnit': { 'zh-CN': '单位不存在', en: 'No such unit' },
  'error.reopenClosed': { 'zh-CN': '已超过重办期限', en: 'The reopen window has closed' },
  'error.reopenNotReady': {
    'zh-CN': '案件尚未归档，暂不能重办',
    en: 'The case is not archived yet and cannot be reopened',
  },
  'error.alreadyReopened': { 'zh-CN': '该案件已申请重办', en: 'The case has already been reopened' },
  'error.badChannelKey': { 'zh-CN': '渠道密钥无效或已停用', en: 'Unknown or disabled channel key' },
  'error.noDiagram': { 'zh-CN': '该案件没有流程图', en: 'This case has no diagram' },
  'error.badBpmn': { 'zh-CN': '不是有效的 BPMN 流程图', en: 'Not a valid BPMN diagram' },
  'error.badProcessId': {
    'zh-CN': '流程图须只含一个流程，其编号为小写短横线格式（如 event-handling）',
    en: 'The diagram must hold exactly one process with a kebab-case id (e.g. event-handling)',
  },
  'error.badDmn': {
    'zh-CN':
      '不是有效的 DMN 决策表：须为含至少一个 decision 的 definitions，编号为小写短横线格式（如 assessment-weights）',
    en: 'Not a valid DMN decision table: a definitions with at least one decision, kebab-case ids (e.g. assessment-weights)',
  },
  'error.lintFailed': {
    'zh-CN': '流程图未通过规则检查，未部署',
    en: 'The diagram fails the lint rules; nothing was deployed',
  },
  'error.engineRejected': { 'zh-CN': '流程引擎拒绝了该流程图', en: 'The engine refused the diagram' },
  'error.nothingToSupervise': {
    'zh-CN': '该事件没有可督办的办理单位',
    en: 'This case has no handling unit to supervise',
  },
  'error.personExists': {
    'zh-CN': '该身份证号已有同类档案',
    en: 'A file of this type already exists for this ID number',
  },
  'error.unknownPersonType': { 'zh-CN': '重点人员类别不存在', en: 'No such kind of key person' },
  'error.unknownTeamRole': { 'zh-CN': '小组角色不存在', en: 'No such team role' },
  'error.oneDesignated': {
    'zh-CN': '小组须有且只有一名指定随访员（须为系统用户）',
    en: 'The team needs exactly one designated follow-up member, who is a Zhizhi user',
  },
  'error.notDesignated': {
    'zh-CN': '只有指定随访员可以登记随访',
    en: 'Only the designated follow-up member records follow-ups',
  },
  'error.noFollowUpDue': { 'zh-CN': '当前没有待办的随访', en: 'No follow-up is open right now' },
  'error.notAStreet': { 'zh-CN': '不是街道', en: 'Not a street' },
  'error.emergencyUnderway': {
    'zh-CN': '应急处置正在进行，请在应急处置记录或评估中更新风险等级',
    en: 'An emergency is under way; update the risk level in its record or assessment',
  },
  'error.assessmentClosed': {
    'zh-CN': '该考核周期已封账，得分不再变更',
    en: 'This assessment period is closed; its scores no longer change',
  },
  'error.periodInFuture': { 'zh-CN': '考核周期尚未开始', en: 'The period has not started yet' },
  'error.unknownUser': { 'zh-CN': '用户不存在或已停用', en: 'No such active user' },
  'error.userOutsideScope': {
    'zh-CN': '只能委派给本单位或下级单位的同事',
    en: 'You can only delegate to colleagues of your unit or the units below it',
  },
  'error.delegateToSelf': { 'zh-CN': '不能委派给自己', en: 'You cannot delegate to yourself' },
  'error.taskDelegated': {
    'zh-CN': '任务已委派，须由受托人交回后再办理',
    en: 'The task is delegated; the delegate must give it back first',
  },
  'error.tooManyLogins': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'error.wrongCurrentPassword': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'error.passwordTooShort': {
    'zh-CN': '密码至少需要 {min} 个字符',
    en: 'The password must be at least {min} characters long',
  },
  'error.passwordTooSimple': {
    'zh-CN': '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'The password must mix at least 3 of: upper-case letters, lower-case letters, digits, symbols',
  },
  'error.passwordHasUsername': {
    'zh-CN': '密码不能包含用户名',
    en: 'The password must not contain the username',
  },
  'error.passwordKnown': {
    'zh-CN': '不能使用演示密码或公开的默认密码',
    en: 'The demo password or a published default password is not allowed',
  },
  'error.passwordUnchanged': {
    'zh-CN': '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  'error.crossOrigin': {
    'zh-CN': '拒绝跨站请求：请求来源不是本系统',
    en: 'Cross-site request refused: it does not come from this application',
  },
  'error.internal': { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey): Localized {
  return messages[key];
}

/** A message with its `{name}` placeholders filled in, in both languages. */
export function tf(key: MessageKey, vars: Record<string, string | number>): Localized {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m));
  const { 'zh-CN': zh, en } = messages[key];
  return { 'zh-CN': fill(zh), en: fill(en) };
}
