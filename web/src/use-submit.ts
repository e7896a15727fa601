import { useContext, useState } from 'react';
import { message, type FormInstance } from 'antd';
import { ApiFailure, errorText } from './api';
import { I18nContext } from './i18n';

/**
 * Sends a form's values and, when the API refuses them, shows its errors on the fields it names
 * (in the user's language) and as a message. The sender answers true when it was accepted; the
 * flag says a send is under way (for the button's loading state).
 */
export function useSubmit(form: FormInstance) {
  const { locale } = useContext(I18nContext);
  const [saving, setSaving] = useState(false);
  const submit = async (send: () => Promise<unknown>) => {
    setSaving(true);
    try {
      await send();
      return true;
    } catch (err) {
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      message.error(errorText(err, locale));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return [submit, saving] as const;
}
