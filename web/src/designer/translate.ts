import type { Locale } from '../i18n';

/**
 * 流程设计 in Chinese: bpmn-js and its properties panel label everything through a `translate`
 * service; this one answers the common labels in zh-CN and leaves the rest in English.
 */
const zhCN: Record<string, string> = {
  General: '常规',
  Name: '名称',
  ID: '编号',
  Documentation: '说明',
  'Element documentation': '元素说明',
  'Process documentation': '流程说明',
  'Version tag': '版本标签',
  Implementation: '实现',
  'Task definition': '任务定义',
  Type: '类型',
  Retries: '重试次数',
  Assignment: '分配',
  Assignee: '处理人',
  'Candidate groups': '候选组',
  'Candidate users': '候选人',
  'Due date': '期限',
  'Follow up date': '跟进时间',
  Priority: '优先级',
  Form: '表单',
  'Form ID': '表单编号',
  'Custom form key': '自定义表单键',
  Timer: '定时器',
  'Timer type': '定时类型',
  Date: '日期',
  Duration: '时长',
  Cycle: '周期',
  Value: '值',
  Condition: '条件',
  'Condition expression': '条件表达式',
  Message: '消息',
  'Subscription correlation key': '关联键',
  Inputs: '输入',
  Outputs: '输出',
  'Input mapping': '输入映射',
  'Output mapping': '输出映射',
  Headers: '任务头',
  'Execution listeners': '执行监听器',
  'Extension properties': '扩展属性',
  'Called element': '调用流程',
  'Process ID': '流程编号',
  'Result variable': '结果变量',
  'Decision ID': '决策编号',
  'Multi-instance': '多实例',
  'Business rule implementation': '业务规则实现',
  'Create element': '创建元素',
  'Append element': '追加元素',
  'Activate hand tool': '抓手工具',
  'Activate lasso tool': '套索工具',
  'Activate create/remove space tool': '空间工具',
  'Activate global connect tool': '连线工具',
  'Create start event': '创建开始事件',
  'Create end event': '创建结束事件',
  'Create task': '创建任务',
  'Create gateway': '创建网关',
  'Create intermediate/boundary event': '创建中间/边界事件',
  Delete: '删除',
  'Change element': '更改类型',
  'Connect to other element': '连接到其他元素',
  'No Issues': '无问题',
};

export function translateModule(locale: () => Locale) {
  const translate = (template: string, replacements: Record<string, string> = {}) =>
    (locale() === 'zh-CN' ? (zhCN[template] ?? template) : template).replace(
      /{([^}]+)}/g,
      (_, key: string) => replacements[key] ?? `{${key}}`,
    );
  return { translate: ['value', translate] };
}
