/**
 * The one form-js viewer every page renders a deployed Camunda Form with (a task's form in the
 * inbox drawer, a start form on 发起), in the user's language.
 */
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import type { Locale } from '../i18n';

export { Form };

/**
 * form-js in the user's language: its validation messages ("Field is required.") and the
 * few words it shows itself, through its `translate` service.
 */
const FORM_JS_ZH: Record<string, string> = {
  'Field is required.': '此项必填',
  'Field must have minimum value of {value}.': '不能小于 {value}',
  'Field must have maximum value of {value}.': '不能大于 {value}',
  'Field must have minimum length of {value}.': '至少 {value} 个字',
  'Field must have maximum length of {value}.': '最多 {value} 个字',
  'Field must match pattern {value}.': '格式不符合要求',
  'Field must be a valid email.': '请输入有效的电子邮箱',
  Search: '搜索',
  'No results': '无匹配项',
  Select: '请选择',
};
const formTranslate = (locale: Locale) => ({
  translate: [
    'value',
    (template: string, replacements: Record<string, string> = {}) =>
      (locale === 'zh-CN' ? (FORM_JS_ZH[template] ?? template) : template).replace(
        /{([^}]+)}/g,
        (_: string, key: string) => replacements[key] ?? `{${key}}`,
      ),
  ],
});

/**
 * A form-js viewer in `container`, in the user's language. Every keystroke reaches the form's
 * data at once (no 300 ms debounce): a 提交 clicked right after typing must see what was typed.
 */
export const createForm = (container: HTMLElement, locale: Locale) => {
  // The rest of the options is form-js's `config` service (its types list only the named ones).
  const options = { container, additionalModules: [formTranslate(locale)], debounce: false };
  return new Form(options as ConstructorParameters<typeof Form>[0]);
};
