import { Alert, Button, Spin } from 'antd';
import { useT } from './i18n';

/** What `useLoad` answers: data, or an error, or still loading, and a way to load again. */
type LoadState<T> = { data?: T; error?: string; loading: boolean; reload: () => void };

/** A failed load: the error in the user's language and 重试, never an endless spinner. */
export function LoadError({
  error,
  onRetry,
  testId,
}: {
  error: string;
  onRetry: () => void;
  testId?: string;
}) {
  const t = useT();
  return (
    <Alert
      type="error"
      title={error}
      data-testid={testId ?? 'load-error'}
      action={<Button onClick={onRetry}>{t('retry')}</Button>}
    />
  );
}

/** A body by its load's state: a spinner while loading, the error with 重试, or the content. */
export function Loaded<T>({
  state,
  children,
  testId,
}: {
  state: LoadState<T>;
  children: (data: T) => React.ReactNode;
  testId?: string;
}) {
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} testId={testId} />;
  if (state.data === undefined) return <Spin />;
  return <>{children(state.data)}</>;
}
