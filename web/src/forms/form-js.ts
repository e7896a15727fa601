/**
 * The one form-js viewer every page renders a deployed Camunda Form with (a task's form in the
 * inbox drawer, a start form on 发起), in the user's language.
 */
import { Description, Errors, FilePicker, Form, Label } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { h, type FunctionComponent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
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
  'Field must be a valid international phone number. (e.g. +4930664040900)':
    '请输入有效的电话号码（如 +8613800138000）',
  'Date and time must both be entered.': '请同时填写日期和时间',
  'Value is not a number.': '请输入数字',
  'Value is expected to be an integer.': '请输入整数',
  'Value is expected to have at most 1 decimal digit.': '最多 1 位小数',
  'Value is expected to have at most {value} decimal digits.': '最多 {value} 位小数',
  'Please select a valid value, the two nearest valid values are {previousValue} and {nextValue}.':
    '请选择有效值，最接近的有效值为 {previousValue} 和 {nextValue}',
  Search: '搜索',
  'Skip to search': '跳到搜索',
  'No results': '无匹配项',
  Select: '请选择',
  'Add new': '新增',
  'All values selected': '已全部选择',
  'Remove tag': '移除',
  Collapse: '收起',
  'Expand all ({value})': '展开全部（{value}）',
  Increment: '增加',
  Decrement: '减少',
  'Previous page': '上一页',
  'Next page': '下一页',
  '{page} of {total}': '第 {page} / {total} 页',
  'Nothing to show.': '暂无内容',
  'No content to show.': '暂无内容',
  'No files selected': '未选择文件',
  '{value} files selected': '已选择 {value} 个文件',
  'Download {fileName}': '下载 {fileName}',
  'Unable to download document': '无法下载文件',
  'Click to sort by {value} ascending': '按 {value} 升序',
  'Click to sort by {value} descending': '按 {value} 降序',
  'Click to remove sorting': '取消排序',
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

/** What a photo field's control is given: the file types and whether several, and where to say what it holds. */
export interface PhotoFieldProps {
  id: string;
  accept?: string;
  multiple: boolean;
  /** The uploaded attachments' ids, the field's value. */
  onIds: (ids: string[]) => void;
}
/** Draws the app's upload control into `host`; returns how to take it away. */
export type MountPhotoField = (host: HTMLElement, props: PhotoFieldProps) => () => void;

interface FilePickerProps {
  field: {
    id: string;
    label?: string;
    description?: string;
    accept?: string;
    multiple?: unknown;
    validate?: { required?: boolean };
  };
  domId: string;
  errors?: string[];
  onChange: (update: { value: string[] | null }) => void;
}

/**
 * A form's photo field (form-js `filepicker`, as Camunda Modeler writes it) drawn with the app's
 * one upload control instead of form-js's bare file input: thumbnails before sending, uploads to
 * /api/attachments as picked, the attachment ids as the field's value. form-js keeps the label,
 * description, errors and conditions; the control itself is React, mounted into the field.
 */
const photoFields = (mount: MountPhotoField) => {
  function PhotoFieldHost({ field, domId, errors = [], onChange }: FilePickerProps) {
    const host = useRef<HTMLDivElement>(null);
    const change = useRef(onChange);
    change.current = onChange;
    useEffect(
      () =>
        mount(host.current!, {
          id: domId,
          accept: field.accept || undefined,
          multiple: field.multiple === true || field.multiple === 'true',
          onIds: (ids) => change.current({ value: ids.length ? ids : null }),
        }),
      [domId],
    );
    return h(
      'div',
      { class: `fjs-form-field fjs-form-field-filepicker${errors.length ? ' fjs-has-errors' : ''}` },
      [
        // form-js types Label's children as one node, though it renders none here.
        h(Label as FunctionComponent<Record<string, unknown>>, {
          htmlFor: domId,
          label: field.label,
          required: field.validate?.required,
        }),
        h('div', { ref: host, 'data-testid': `photo-field-${field.id}` }),
        h(Description, { id: `${domId}-description`, description: field.description }),
        h(Errors, { id: `${domId}-error-message`, errors }),
      ],
    );
  }
  PhotoFieldHost.config = FilePicker.config;
  class PhotoFields {
    static $inject = ['formFields'];
    constructor(formFields: { register: (type: string, component: unknown) => void }) {
      formFields.register('filepicker', PhotoFieldHost);
    }
  }
  return { __init__: ['photoFields'], photoFields: ['type', PhotoFields] };
};

/**
 * A form-js viewer in `container`, in the user's language, its photo fields drawn by `mountPhoto`.
 * Every keystroke reaches the form's data at once (no 300 ms debounce): a 提交 clicked right after
 * typing must see what was typed.
 */
export const createForm = (container: HTMLElement, locale: Locale, mountPhoto: MountPhotoField) => {
  // The rest of the options is form-js's `config` service (its types list only the named ones).
  const options = {
    container,
    additionalModules: [formTranslate(locale), photoFields(mountPhoto)],
    debounce: false,
  };
  const form = new Form(options as ConstructorParameters<typeof Form>[0]);
  // The searchable select writes its placeholder 'Search' without the translate service (form-js 1.x).
  if (locale === 'zh-CN') {
    const searchPlaceholders = () =>
      container
        .querySelectorAll<HTMLInputElement>('input[placeholder="Search"]')
        .forEach((input) => (input.placeholder = FORM_JS_ZH.Search));
    const observer = new MutationObserver(searchPlaceholders);
    observer.observe(container, { childList: true, subtree: true });
    const destroy = form.destroy.bind(form);
    form.destroy = () => {
      observer.disconnect();
      destroy();
    };
  }
  return form;
};
