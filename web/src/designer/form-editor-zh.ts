/**
 * The form editor's own words in Chinese. form-js's editor (1.23) has no translation service for
 * its palette and properties panel, so its chrome is rewritten as it renders: text nodes, titles
 * and placeholders. The form on the canvas is the designer's own words and is left alone, as is
 * every editable text (CodeMirror would take a rewrite for typing).
 */
const ZH: Record<string, string> = {
  Components: '组件',
  'Search components': '搜索组件',
  Input: '输入',
  Selection: '选择',
  Presentation: '展示',
  Containers: '容器',
  Action: '操作',
  'Text field': '单行文本',
  'Text area': '多行文本',
  Number: '数字',
  'Date time': '日期时间',
  Expression: '表达式',
  'File picker': '文件选择',
  Checkbox: '复选框',
  'Checkbox group': '多选组',
  'Radio group': '单选组',
  Select: '下拉选择',
  'Tag list': '标签列表',
  'Text view': '文本',
  'HTML view': 'HTML',
  'Image view': '图片',
  Table: '表格',
  'Document preview': '文档预览',
  Spacer: '空白',
  Separator: '分隔线',
  Group: '分组',
  'Dynamic list': '动态列表',
  iFrame: '内嵌页面',
  Button: '按钮',
  General: '常规',
  Condition: '显示条件',
  Layout: '布局',
  Appearance: '外观',
  Validation: '校验',
  Constraints: '约束',
  Serialization: '序列化',
  'Custom properties': '自定义属性',
  'Field label': '字段标签',
  'Field description': '字段说明',
  Key: '键',
  'Binds to a form variable': '对应一个流程变量',
  'Default value': '默认值',
  Disabled: '禁用',
  'Read only': '只读',
  Required: '必填',
  'Minimum length': '最少字数',
  'Maximum length': '最多字数',
  Minimum: '最小值',
  Maximum: '最大值',
  'Validation pattern': '格式',
  'Custom regular expression': '自定义正则表达式',
  'Custom error message': '自定义错误提示',
  Email: '电子邮箱',
  Phone: '电话',
  Custom: '自定义',
  'Options source': '选项来源',
  'Static options': '固定选项',
  'Input data': '输入数据',
  'Input values key': '选项数据的键',
  'Dynamic options': '动态选项',
  'Options expression': '选项表达式',
  'Hide if': '隐藏条件',
  Columns: '栏宽',
  Auto: '自动',
  Prefix: '前缀',
  Suffix: '后缀',
  Label: '标签',
  Value: '值',
  'Not checked': '不勾选',
  Checked: '勾选',
  'Decimal digits': '小数位数',
  Increment: '步长',
  Searchable: '可搜索',
  'Version tag': '版本标记',
  Text: '文本',
  Submit: '提交',
  Reset: '重置',
  Form: '表单',
  Type: '类型',
  Subtype: '子类型',
  Date: '日期',
  Time: '时间',
  'Date label': '日期标签',
  'Time label': '时间标签',
  'Time format': '时间格式',
  'Disallow past dates': '不允许过去的日期',
  'Upload multiple files': '允许多个文件',
  'Supported file formats': '允许的文件格式',
  Height: '高度',
  Content: '内容',
  'Build your form': '设计表单',
  'Drag and drop components here to start designing.': '从左侧拖入组件开始设计。',
  'Drag and drop components here.': '把组件拖到这里。',
  'Create new list item': '新增一项',
  'Delete item': '删除',
  'Toggle section': '展开/收起',
  'Section contains edits': '本节已填写',
  'Toggle list item': '展开/收起此项',
  'Open documentation': '打开文档',
  'Remove form field': '删除字段',
};

const KEEP = '.fjs-form-container, [contenteditable], .cm-editor';

function rewrite(node: Node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.nodeValue?.trim();
    if (text && ZH[text] && !node.parentElement?.closest(KEEP))
      node.nodeValue = node.nodeValue!.replace(text, ZH[text]);
    return;
  }
  if (!(node instanceof HTMLElement) || node.matches(KEEP)) return;
  for (const attr of ['title', 'placeholder']) {
    const value = node.getAttribute(attr);
    if (value && ZH[value]) node.setAttribute(attr, ZH[value]);
  }
  node.childNodes.forEach(rewrite);
}

/** Keeps the editor under `root` in Chinese while it lives; returns what stops it. */
export function keepEditorInChinese(root: HTMLElement) {
  rewrite(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') rewrite(r.target);
      else if (r.type === 'attributes') rewrite(r.target);
      else r.addedNodes.forEach(rewrite);
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['title', 'placeholder'],
  });
  return () => observer.disconnect();
}
