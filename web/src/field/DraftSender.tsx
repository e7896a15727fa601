import { message } from 'antd';
import { useContext } from 'react';
import { errorText } from '../api';
import { I18nContext, useT } from '../i18n';
import { useMe } from '../me';
import { useDraftSender } from './drafts';

/** Sends the signed-in user's offline drafts from any page; says so when the API refuses one. */
export function DraftSender() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  useDraftSender(useMe().id, (_draft, err) =>
    message.error(t('draftRefused', { reason: errorText(err, locale) })),
  );
  return null;
}
