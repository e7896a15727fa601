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
  'error.fourEyes': {
    'zh-CN': '四眼原则：您办理过本案的「{step}」，本环节须由他人办理',
    en: 'Four eyes: you did "{step}" of this case, so someone else must do this step',
  },
  'error.fourEyesReporter': {
    'zh-CN': '四眼原则：您是本案的上报人，本环节须由他人办理',
    en: 'Four eyes: you reported this case, so someone else must do this step',
  },
  'error.fourEyesDelegate': {
    'zh-CN': '四眼原则：此人办理过本案的前序环节或上报了本案，不能委派给此人',
    en: 'Four eyes: this person did an earlier step of this case or reported it, so it cannot be delegated to them',
  },
  'error.fourEyesCosign': {
    'zh-CN': '四眼原则：此人办理过本案的前序环节或上报了本案，不能为本环节会签',
    en: 'Four eyes: this person did an earlier step of this case or reported it, so they cannot co-sign this step',
  },
  'error.permitSelf': {
    'zh-CN': '不能为自己准予例外，须由其他督办人员准予',
    en: 'You cannot allow yourself an exception; another supervisor must',
  },
  'error.permitNotBarred': {
    'zh-CN': '此人未受四眼原则限制，无需准予例外',
    en: 'Four eyes do not bar this person from this step; no exception is needed',
  },
  'fourEyes.reporter': { 'zh-CN': '上报人', en: 'Reporter' },
  'error.trialNoDecision': {
    'zh-CN': '草稿中没有这个决策（请确认决策 ID）',
    en: 'The draft has no such decision (check the decision id)',
  },
  'error.trialNotATable': {
    'zh-CN': '只能试算决策表（decision table）',
    en: 'Only a decision table can be tried',
  },
  'error.wholeWorkingDays': {
    'zh-CN': '按工作日计的时限须为整数天',
    en: 'A limit in working days must be a whole number of days',
  },
  'error.trialNoRun': {
    'zh-CN': '该期间尚无考评结果，无法试算',
    en: 'This period has no assessment to try the draft on',
  },
  'error.trialPeriod': {
    'zh-CN': '试算期间须起于止之前，且不超过 366 天',
    en: 'The trial period must start before it ends and span at most 366 days',
  },
  'error.consentsMissing': {
    'zh-CN': '延期须各方当事人同意，尚未同意：{parties}',
    en: 'An extension needs every party’s consent; not yet consented: {parties}',
  },
  'error.idNumberFormat': {
    'zh-CN': '身份证号应为 18 位，前 17 位为数字，末位为数字或 X',
    en: 'An ID number has 18 characters: 17 digits, then a digit or X',
  },
  'error.idNumberBirthDate': {
    'zh-CN': '身份证号中的出生日期不存在或晚于今天',
    en: 'The birth date in the ID number does not exist or is in the future',
  },
  'error.idNumberCheck': {
    'zh-CN': '身份证号校验位不符，请核对是否输错',
    en: 'The ID number’s check character does not match; please check for a typo',
  },
  'error.creditCodeFormat': {
    'zh-CN': '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）',
    en: 'A unified social credit code has 18 digits or capital letters (no I, O, Z, S, V)',
  },
  'error.creditCodeCheck': {
    'zh-CN': '统一社会信用代码校验位不符，请核对是否输错',
    en: 'The unified social credit code’s check character does not match; please check for a typo',
  },
  'error.addressCodeFormat': {
    'zh-CN': '地址编码应为 25 位数字',
    en: 'An address code has 25 digits',
  },
  'error.addressCodeCheck': {
    'zh-CN': '地址编码校验位不符，请核对是否输错',
    en: 'The address code’s check digits do not match; please check for a typo',
  },
  'error.addressCodeDistrict': {
    'zh-CN': '地址编码不属于本区（行政区划代码不符）',
    en: 'The address code belongs to another district (its division code differs)',
  },
  'error.buildingNotInArea': { 'zh-CN': '楼栋不存在或不在您的范围内', en: 'No such building in your area' },
  'error.unknownRoom': { 'zh-CN': '房间不存在或不属于该楼栋', en: 'No such room in this building' },
  'error.gridNotInCommunity': {
    'zh-CN': '网格不属于该楼栋所在社区',
    en: 'The grid is not in the building’s community',
  },
  'error.residentAlreadyInRoom': {
    'zh-CN': '此身份证号已登记在该房间',
    en: 'A resident with this ID number is already registered in this room',
  },
  'error.usccTaken': {
    'zh-CN': '该统一社会信用代码已登记',
    en: 'A business with this unified social credit code is already registered',
  },
  'error.changeReviewed': { 'zh-CN': '该变更已审核', en: 'This change has already been reviewed' },
  'error.tooManyDeclarations': {
    'zh-CN': '提交过于频繁，请 {minutes} 分钟后再试',
    en: 'Too many declarations from here; try again in {minutes} minutes',
  },
  'error.codeRange': {
    'zh-CN': '编码序号已用尽（超出编码方案位数）',
    en: 'The code scheme has no sequence numbers left here',
  },
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Please log in' },
  'error.badCredentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'error.forbidden': { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  'error.mayNotStart': {
    'zh-CN': '您不在该流程的发起人范围内（candidateStarterGroups/Users）',
    en: 'You are not among the starters of this process (candidateStarterGroups/Users)',
  },
  'error.loopHasOwnPage': {
    'zh-CN': '该业务流程在其自己的登记页面发起（如事件上报、信访登记）',
    en: 'This loop is started from its own registration page (event report, petition registration …)',
  },
  'error.notExecutable': {
    'zh-CN': '流程未标记为可执行（isExecutable="false"）：请在建模器中勾选“可执行”后再部署',
    en: 'The process is not marked executable (isExecutable="false"): tick "Executable" in the modeler and deploy again',
  },
  'error.badForm': {
    'zh-CN': '表单不合规：须有编号和字段列表，字段键唯一，且不得包含受保护变量',
    en: 'The form is not valid: it needs an id and components, unique keys and no protected variable',
  },
  'error.notFound': { 'zh-CN': '未找到', en: 'Not found' },
  'opinion.alreadyTriaged': {
    'zh-CN': '该舆情已研判（已忽略、已转事件或已关联案件）',
    en: 'This item has already been triaged (dismissed, made an event or attached to a case)',
  },
  'opinion.urlRequired': {
    'zh-CN': 'RSS/Atom 来源须填写 http(s) 地址',
    en: 'A feed source needs an http(s) URL',
  },
  'opinion.notAFeed': { 'zh-CN': '不是 RSS/Atom 订阅源', en: 'Not an RSS or Atom feed' },
  'opinion.doctype': {
    'zh-CN': '订阅源含有 DOCTYPE/ENTITY 声明，已拒收',
    en: 'The feed declares a DOCTYPE or entities and was refused',
  },
  'opinion.tooLarge': {
    'zh-CN': '订阅源超过 2 MB，已拒收',
    en: 'The feed is larger than 2 MB and was refused',
  },
  'opinion.refusedAddress': {
    'zh-CN': '订阅地址指向本机或链路本地地址，已拒绝',
    en: 'The feed URL points at this host or a link-local address: refused',
  },
  'opinion.unreachable': { 'zh-CN': '订阅源无法访问', en: 'The feed could not be reached' },
  'inspection.tooSoon': {
    'zh-CN':
      '信用等级 {grade}：两次例行检查至少间隔 {days} 天，上次检查始于 {last}，本次最早 {earliest}（因投诉检查不受限）',
    en: 'Grade {grade}: routine inspections at least {days} days apart; the last began {last}, so not before {earliest} (unless on a complaint)',
  },
  'inspection.notFiled': {
    'zh-CN': '该计划已排入检查或已完成，不再接受自查',
    en: 'This plan is already scheduled or done: no self-check is taken for it',
  },
  'inspection.selfCheckDone': {
    'zh-CN': '自查已提交或链接已过期',
    en: 'The self-check was already submitted, or the link expired',
  },
  'inspection.periodOrder': {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The period cannot end before it starts',
  },
  'inspection.periodTooLong': {
    'zh-CN': '检查期间不能超过一年',
    en: 'A period cannot be longer than a year',
  },
  'inspection.notDepartment': {
    'zh-CN': '只有职能部门可以提交检查计划',
    en: 'Only a department files inspection plans',
  },
  'inspection.unknownBusiness': { 'zh-CN': '企业不存在或已注销', en: 'No such enterprise, or it is closed' },
  'credit.unknownUscc': {
    'zh-CN': '没有此统一社会信用代码的企业',
    en: 'No enterprise has this unified social credit code',
  },
  'credit.badGrade': { 'zh-CN': '信用等级须为 A、B、C、D 之一', en: 'The grade must be A, B, C or D' },
  'credit.badDate': { 'zh-CN': '评定日期无效', en: 'The grading date is not valid' },
  'credit.badFile': {
    'zh-CN': '无法读取文件（须为 .xlsx 或 .csv，含表头）',
    en: 'The file cannot be read (an .xlsx or .csv with a header row)',
  },
  'credit.missingColumn': { 'zh-CN': '缺少列：{column}', en: 'Missing column: {column}' },
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
  'error.auditUnavailable': {
    'zh-CN': '审计日志无法写入，操作未执行，请稍后重试',
    en: 'The audit log cannot be written, so nothing was done; please try again shortly',
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
  'error.dailyQuotaMinutes': {
    'zh-CN': '每日定额的巡查时长不能超过 1440 分钟',
    en: 'A daily quota holds at most 1,440 minutes',
  },
  'error.warningNoPlace': {
    'zh-CN': '此预警背后的信访没有关联事件，无法确定立案网格，请选择“排除”并说明理由',
    en: 'The petitions behind this warning name no event, so there is no grid to open a case in: choose Dismiss and give the reason',
  },
  'error.outsideScope': {
    'zh-CN': '只能上报本辖区内的事件',
    en: 'You can only report events within your own area',
  },
  'error.noGridHere': {
    'zh-CN': '该位置不在您辖区的任何网格内',
    en: 'This location is in none of the grids of your area',
  },
  'error.gridOrLocation': {
    'zh-CN': '请选择网格或提供位置',
    en: 'Choose a grid or give the location',
  },
  'error.actionNotOffered': { 'zh-CN': '该任务不支持此操作', en: 'This task does not offer that action' },
  'error.unknownUnit': { 'zh-CN': '单位不存在', en: 'No such unit' },
  'error.reopenClosed': { 'zh-CN': '已超过重办期限', en: 'The reopen window has closed' },
  'error.reopenNotReady': {
    'zh-CN': '案件尚未归档，暂不能重办',
    en: 'The case is not archived yet and cannot be reopened',
  },
  'error.alreadyReopened': { 'zh-CN': '该案件已申请重办', en: 'The case has already been reopened' },
  'error.alreadyDrawn': { 'zh-CN': '本月已抽样', en: 'This month has been drawn already' },
  'error.noSurveyUnit': { 'zh-CN': '未找到民调组所在单位', en: 'The survey team’s unit was not found' },
  'error.patrolEnded': { 'zh-CN': '该巡查已结束', en: 'This patrol has ended' },
  'error.patrolOpen': { 'zh-CN': '已有进行中的巡查', en: 'A patrol is already under way' },
  'error.notAGridMember': { 'zh-CN': '只有网格员可以巡查', en: 'Only a grid member patrols' },
  'error.unknownBuilding': { 'zh-CN': '楼栋编码不存在', en: 'No building has this code' },
  'error.otherDistrict': { 'zh-CN': '不是本区的楼栋编码', en: 'The building code is of another district' },
  'error.buildingOutsideGrid': { 'zh-CN': '楼栋不在本人巡查范围内', en: 'The building is outside your area' },
  'error.tooFarFromBuilding': {
    'zh-CN': '距离楼栋太远，无法打点',
    en: 'Too far from the building to check in',
  },
  'error.noBuildingNear': { 'zh-CN': '附近没有可打点的楼栋', en: 'No building near enough to check in' },
  'error.badWarningRules': {
    'zh-CN': '预警规则决策表有误，请流程设计员修正',
    en: 'The early-warning rules table is wrong: a designer must fix it',
  },
  'error.warningDecided': { 'zh-CN': '该预警已研判', en: 'This warning has been decided' },
  'error.badChannelKey': { 'zh-CN': '渠道密钥无效或已停用', en: 'Unknown or disabled channel key' },
  'error.noDiagram': { 'zh-CN': '该案件没有流程图', en: 'This case has no diagram' },
  'error.badBpmn': { 'zh-CN': '不是有效的 BPMN 流程图', en: 'Not a valid BPMN diagram' },
  'error.badProcessId': {
    'zh-CN':
      '流程图须只含一个流程，其编号以字母开头，仅含字母、数字和 - _ .（如 event-handling、loanApproval），且不是保留名（versions、decisions、deployments、group-mappings、worker-templates、startable）',
    en: 'The diagram must hold exactly one process whose id starts with a letter, has only letters, digits and - _ . (e.g. event-handling, loanApproval) and is not reserved (versions, decisions, deployments, group-mappings, worker-templates, startable)',
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
  'error.engineRejected': {
    'zh-CN': '流程引擎拒绝了该请求（见各元素的原因）',
    en: 'The engine refused the request (see the reason at each element)',
  },
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
  'error.fileClosed': {
    'zh-CN': '该档案已结案，只能查阅',
    en: 'This file is closed; it can only be read',
  },
  'error.recoveredNotStable': {
    'zh-CN': '风险等级为 0（稳定）时才能以康复结案',
    en: 'A file is closed as recovered only at risk level 0 (stable)',
  },
  'error.assessmentClosed': {
    'zh-CN': '该考核周期已封账，得分不再变更',
    en: 'This assessment period is closed; its scores no longer change',
  },
  'error.periodInFuture': { 'zh-CN': '考核周期尚未开始', en: 'The period has not started yet' },
  'error.unknownUser': { 'zh-CN': '用户不存在或已停用', en: 'No such active user' },
  'error.notTeamCandidate': {
    'zh-CN': '不能加入此档案的小组：须为所在网格、其上级单位或职能部门的在岗人员',
    en: "Cannot join this file's team: only active staff of its grid, the units above it or a department can",
  },
  'error.userOutsideScope': {
    'zh-CN': '只能委派给本单位或下级单位的同事',
    en: 'You can only delegate to colleagues of your unit or the units below it',
  },
  'error.noAgreement': {
    'zh-CN': '该纠纷尚未达成调解协议',
    en: 'This dispute has no mediation agreement yet',
  },
  'error.shareToSelf': { 'zh-CN': '不能抄送或加签给自己', en: 'You cannot copy or co-sign to yourself' },
  'error.shareOutsideScope': {
    'zh-CN': '只能抄送给本单位、上级或下级单位的人员，加签给本单位或下级单位的同事',
    en: 'Copy only to people of your unit, the units above or below it; ask co-signers of your unit or below',
  },
  'error.shareNotCaseWorker': {
    'zh-CN': '只能抄送或加签给办理业务的人员（管理员和流程设计人员不阅读案件）',
    en: 'Copy or co-sign only to people who work cases (administrators and designers do not read them)',
  },
  'error.cosignPending': {
    'zh-CN': '加签尚未完成：{people} 会签后才能办理',
    en: 'Co-signing pending: {people} must sign before the task is completed',
  },
  'error.cosignNotAsked': { 'zh-CN': '您没有待会签的加签', en: 'You have no co-signing to do on this task' },
  'error.cosignDone': { 'zh-CN': '您已会签，无需重复提交', en: 'You have already signed; nothing changed' },
  'error.withdrawNotYours': {
    'zh-CN': '只有办理该环节的人可以撤回',
    en: 'Only the person who completed this step can take it back',
  },
  'error.withdrawEnded': {
    'zh-CN': '流程已结束，无法撤回',
    en: 'The process has ended; nothing to take back',
  },
  'error.withdrawClaimed': {
    'zh-CN': '下一环节「{step}」已由 {name} 签收，无法撤回',
    en: 'The next step "{step}" has been claimed by {name}; it cannot be taken back',
  },
  'error.withdrawMovedOn': {
    'zh-CN': '后续环节「{step}」已办理，无法撤回',
    en: 'A later step "{step}" has been completed; it cannot be taken back',
  },
  'error.withdrawAfterAutomation': {
    'zh-CN': '办理后已自动执行「{step}」，无法撤回；请联系下一环节办理人退回',
    en: 'Automatic work "{step}" has already run after this step; it cannot be taken back: ask the next step to return it',
  },
  'error.withdrawNothingNext': {
    'zh-CN': '下一环节尚未生成（正在自动处理或在等待），请稍后再试',
    en: 'The next step does not exist yet (automatic work or a wait is in progress); try again shortly',
  },
  'error.withdrawnAlready': {
    'zh-CN': '该环节已撤回，请在待办中重新办理',
    en: 'This step has already been taken back; work it again from your inbox',
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
  'error.passwordChangeRequired': {
    'zh-CN': '请先修改初始密码，再进行其他操作',
    en: 'Change your one-time password before doing anything else',
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
  'admin.codeTaken': { 'zh-CN': '编码已被使用', en: 'This code is already in use' },
  'admin.usernameTaken': { 'zh-CN': '用户名已被使用', en: 'This username is already taken' },
  'admin.parentType': {
    'zh-CN': '上级单位类型不符：{type}应挂在{parents}下',
    en: 'The parent does not fit: a {type} hangs under {parents}',
  },
  'admin.unitRetired': { 'zh-CN': '该单位已撤销', en: 'This unit is retired' },
  'admin.unitHasChildren': {
    'zh-CN': '该单位下仍有未撤销的下级单位，请先撤销或移走',
    en: 'This unit still has units below it that are not retired: retire or move them first',
  },
  'admin.unitHasUsers': {
    'zh-CN': '该单位仍有启用的用户，请先停用或调走',
    en: 'This unit still has active users: disable or move them first',
  },
  'admin.moveBelowItself': {
    'zh-CN': '不能移到自身或其下级单位之下',
    en: 'A unit cannot move below itself or one of its own units',
  },
  'admin.roleNotGrantable': {
    'zh-CN': '只有区级管理员可以授予流程设计员角色',
    en: 'Only a district admin may grant the process designer role',
  },
  'admin.adminRoleNotGrantable': {
    'zh-CN': '管理员角色（系统、安全、审计管理员）只能由安全管理员授予，且不能授予自己',
    en: 'Administrator roles (system, security, audit) are granted only by a security administrator, never to themselves',
  },
  'admin.slaDefaultKept': {
    'zh-CN': '层级默认时限不能删除，只能修改',
    en: "A level's default deadline is changed, not removed",
  },
  'admin.robotTestFailed': { 'zh-CN': '测试消息发送失败：{reason}', en: 'The test message failed: {reason}' },
  'error.robotUrlHttps': {
    'zh-CN': '机器人地址必须使用 https',
    en: 'The robot URL must use https',
  },
  'error.robotUrlHost': {
    'zh-CN': '机器人地址不是允许的群机器人服务器（企业微信、钉钉、飞书或配置的地址）',
    en: 'The robot URL is not on an allowed robot host (WeCom, DingTalk, Feishu or a configured host)',
  },
  'error.robotUrlUnresolved': {
    'zh-CN': '机器人地址的主机名无法解析',
    en: 'The robot URL’s host name does not resolve',
  },
  'error.robotUrlAddress': {
    'zh-CN': '机器人地址指向内网、本机或保留地址，不允许调用',
    en: 'The robot URL points to a private, loopback or reserved address and may not be called',
  },
  'import.badFile': {
    'zh-CN': '无法读取文件：须为 .xlsx 或 .csv（UTF-8），第一行为列名',
    en: 'Cannot read the file: it must be .xlsx or .csv (UTF-8) with the column names in the first row',
  },
  'import.jobFailed': {
    'zh-CN': '导入中途出错，未写入任何数据，请重新导入',
    en: 'The import stopped on an error; nothing was written. Please import the file again',
  },
  'import.empty': { 'zh-CN': '文件没有数据行', en: 'The file has no data rows' },
  'import.tooManyRows': { 'zh-CN': '行数超过上限 {max}', en: 'More rows than the limit of {max}' },
  'import.missingColumn': { 'zh-CN': '缺少列「{column}」', en: 'Missing column "{column}"' },
  'import.duplicate': { 'zh-CN': '与第 {row} 行重复', en: 'Repeats row {row}' },
  'import.badCode': {
    'zh-CN': '编码只能含字母、数字、“-”和“_”，最长 64 位',
    en: 'A code may hold letters, digits, "-" and "_", at most 64 characters',
  },
  'import.badType': {
    'zh-CN': '类型须为 街道、社区、网格、微网格 或 部门',
    en: 'The type must be STREET, COMMUNITY, GRID, MICRO_GRID or DEPARTMENT',
  },
  'import.unknownParent': { 'zh-CN': '上级单位「{code}」不存在', en: 'Parent unit "{code}" does not exist' },
  'import.cycle': { 'zh-CN': '上级关系成环', en: 'The parent chain loops back on itself' },
  'import.outsideScope': {
    'zh-CN': '不在本辖区内，无权导入',
    en: 'Outside your area: you may not import it',
  },
  'import.typeChanged': {
    'zh-CN': '与已有单位的类型（{type}）不同',
    en: "Differs from the existing unit's type ({type})",
  },
  'import.parentChanged': {
    'zh-CN': '与已有单位的上级（{code}）不同，请在组织树中移动',
    en: "Differs from the existing unit's parent ({code}): move it in the tree",
  },
  'import.badBoundary': {
    'zh-CN': '边界须为 GeoJSON 或 WKT 的多边形（WGS-84 经纬度，环闭合）',
    en: 'The boundary must be a GeoJSON or WKT polygon (WGS-84 longitude/latitude, closed rings)',
  },
  'import.badDeptKind': {
    'zh-CN': '部门类别只能含小写字母、数字和“-”，且仅部门可填',
    en: 'A department kind holds lowercase letters, digits and "-", for departments only',
  },
  'import.badUsername': {
    'zh-CN': '用户名只能含字母、数字、“.”、“-”和“_”，2–64 位',
    en: 'A username holds letters, digits, ".", "-" and "_", 2–64 characters',
  },
  'import.unknownUnit': {
    'zh-CN': '单位「{code}」不存在或已撤销',
    en: 'Unit "{code}" does not exist or is retired',
  },
  'import.badRoles': {
    'zh-CN': '角色无效：{value}（可用：管理员、流程设计员、督办员、工作人员、网格员）',
    en: 'Unknown role: {value} (ADMIN, DESIGNER, SUPERVISOR, STAFF, GRID_MEMBER)',
  },
  'import.badActive': { 'zh-CN': '状态须为 启用 或 停用', en: 'The state must be active or disabled' },
  'error.calendarDateOutsideYear': {
    'zh-CN': '日期不在所导入的年份内',
    en: 'A date lies outside the year being imported',
  },
  'error.calendarDateBoth': {
    'zh-CN': '同一日期不能既是假日又是调休上班日',
    en: 'A date cannot be both a holiday and a make-up working day',
  },
  'error.dateInFuture': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future' },
  'error.petitionFinal': {
    'zh-CN':
      '该信访事项已经复核终结（{caseNo}），同一信访人以同一事实和理由再次提出的，不予受理（信访工作条例第三十五条）',
    en: 'This matter was concluded by re-check ({caseNo}); the same petitioner raising it again is not accepted (Petition Regulations Art. 35)',
  },
  'error.petitionPossibleDuplicate': {
    'zh-CN': '一年内已有同一信访人就同一事项登记的信访件，请核对后确认再登记',
    en: 'The same petitioner registered the same matter within the last year; check and confirm before registering',
  },
  'error.petitionStepNotOpen': {
    'zh-CN': '该信访件当前不在此环节，或您无权办理此环节',
    en: 'The petition is not at this step, or the step is not yours',
  },
  'error.petitionReviewWindowClosed': {
    'zh-CN': '复查/复核申请期限已过',
    en: 'The time for asking for a review has passed',
  },
  'error.notADepartment': {
    'zh-CN': '转送须送至有权处理的职能部门',
    en: 'Forward to a competent department',
  },
  'error.notAHandlingUnit': {
    'zh-CN': '承办单位须为职能部门、街道或社区',
    en: 'The handling unit must be a department, street or community',
  },
  'error.notALowerLevel': {
    'zh-CN': '交办须交至本辖区的街道或社区',
    en: 'Assign to a street or community of this district',
  },
  'error.internal': { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  'error.unknownDisputeType': { 'zh-CN': '纠纷类型不存在或已停用', en: 'Unknown or inactive dispute type' },
  'error.notACommunity': { 'zh-CN': '不是有效的社区编号', en: 'Not a community id' },
  'error.notAParty': { 'zh-CN': '不是本纠纷的当事人', en: 'Not a party to this dispute' },
  'error.disputeNotInMediation': {
    'zh-CN': '该纠纷当前不在调解阶段',
    en: 'The dispute is not at a mediation stage now',
  },
  'error.partyHasConsent': {
    'zh-CN': '已记录同意延期的当事人不能删除',
    en: 'A party whose consent to extend is on record cannot be removed',
  },
  'error.disputeNotRoutable': {
    'zh-CN': '分流规则未给出该类型的承办部门，请联系流程设计员',
    en: 'The routing decision names no department for this type; ask a process designer',
  },
  'error.agreementExists': { 'zh-CN': '该纠纷已有调解协议', en: 'The dispute already has an agreement' },
  'error.confirmationExists': {
    'zh-CN': '该调解协议已登记司法确认申请',
    en: 'An application for judicial confirmation of this agreement is already on record',
  },
  'error.noConfirmationApplication': {
    'zh-CN': '尚未登记司法确认申请',
    en: 'No application for judicial confirmation is on record',
  },
  'error.rulingExists': { 'zh-CN': '法院裁定已登记', en: 'The court’s ruling is already on record' },
  'error.beforeAgreement': {
    'zh-CN': '申请日期不能早于调解协议生效之日',
    en: 'The application cannot be dated before the agreement took effect',
  },
  'error.confirmWindowPassed': {
    'zh-CN': '已超过司法确认申请期限（最后一日为 {dueDate}）',
    en: 'Past the window for judicial confirmation (its last day was {dueDate})',
  },
  'error.beforeApplication': {
    'zh-CN': '裁定日期不能早于申请日期',
    en: 'The ruling cannot be dated before the application',
  },
  'error.futureDate': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be later than today' },
  'error.notAnApplicant': {
    'zh-CN': '申请人须为本纠纷的当事人，且须双方共同申请',
    en: 'Applicants must be parties to the dispute, applying jointly',
  },
  'error.mediationNotWaiting': {
    'zh-CN': '调解任务尚未开始（例如仍待首次联系），暂不能登记协议',
    en: 'No mediation step is open yet (e.g. first contact is pending); the agreement cannot be recorded now',
  },
  'error.fileTooLarge': {
    'zh-CN': '文件过大：照片不超过 {imageMb} MB，视频不超过 {videoMb} MB',
    en: 'File too large: photos up to {imageMb} MB, videos up to {videoMb} MB',
  },
  'error.fileType': {
    'zh-CN': '只接受照片（JPEG、PNG、WebP、HEIC）和视频（MP4、MOV、WebM），且内容须与类型相符',
    en: 'Only photos (JPEG, PNG, WebP, HEIC) and videos (MP4, MOV, WebM) whose content matches their type',
  },
  'error.fileEmpty': { 'zh-CN': '文件为空', en: 'The file is empty' },
  'error.attachmentNotYours': {
    'zh-CN': '附件不存在、不是您上传的，或已属于其他案件',
    en: 'The attachment does not exist, is not yours, or belongs to another case already',
  },
  'error.stepTakesNoPhotos': {
    'zh-CN': '此环节的案件不保存照片',
    en: 'The case of this step keeps no photos',
  },
  'error.channelAttachments': {
    'zh-CN': '外部渠道请以链接提交附件',
    en: 'Intake channels send attachments as links',
  },
  'error.storageUnavailable': {
    'zh-CN': '附件存储暂时不可用，请稍后重试',
    en: 'The attachment store is unavailable; please try again shortly',
  },
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
