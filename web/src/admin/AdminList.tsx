import { Button, Form, Input, Table, Typography, type TableProps } from 'antd';
import { useT } from '../i18n';

/** A whole admin list from `useList`, small and unpaged: reference tables are short. */
export function ListTable<T extends object>({
  list,
  ...props
}: { list: { items: T[]; loading: boolean } } & Omit<TableProps<T>, 'dataSource' | 'loading'>) {
  return (
    <Table<T> size="small" pagination={false} {...props} loading={list.loading} dataSource={list.items} />
  );
}

/**
 * A code cell (a unit's code, a username, a category's code): what imports and the API take,
 * shown as code beside the name, not as a word of the page.
 */
export const codeCell = (code: string) => <Typography.Text code>{code}</Typography.Text>;

/** The inline "code, name, 添加" form that adds a row to a reference list. */
export function CodeNameForm({
  codeField,
  onAdd,
}: {
  codeField: string;
  onAdd: (values: Record<string, string>, reset: () => void) => void;
}) {
  const t = useT();
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginBottom: 12 }}
      onFinish={(v) => onAdd(v, () => form.resetFields())}
    >
      <Form.Item name={codeField} rules={[{ required: true, message: t('required') }]}>
        <Input placeholder={t('code')} />
      </Form.Item>
      <Form.Item name="name" rules={[{ required: true, message: t('required') }]}>
        <Input placeholder={t('name')} />
      </Form.Item>
      <Button htmlType="submit" type="primary">
        {t('add')}
      </Button>
    </Form>
  );
}
