import { useState } from 'react';
import { Alert, Button } from 'antd';
import { useT } from '../i18n';
import { useDuration } from '../duration';
import { IssueCardModal, type CardTarget } from '../supervision/IssueCardModal';

type Step = { name: string; dueDate: string | null; deadlineState: 'onTime' | 'yellow' | 'red' | null };

/**
 * 已超期 on a case page: its longest-overdue open step and for how long, with 督办/催办 for those
 * the API lets press the case (`maySupervise`); nothing while the case is on time.
 */
export function OverdueNotice({
  steps,
  target,
  maySupervise,
  onIssued,
}: {
  steps: Step[];
  target: CardTarget;
  maySupervise: boolean;
  onIssued: () => void;
}) {
  const t = useT();
  const duration = useDuration();
  const [issuing, setIssuing] = useState(false);
  const late = steps
    .filter((s) => s.dueDate && (s.deadlineState === 'yellow' || s.deadlineState === 'red'))
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!))[0];
  if (!late) return null;
  return (
    <>
      <Alert
        type={late.deadlineState === 'red' ? 'error' : 'warning'}
        showIcon
        data-testid="case-overdue"
        title={`${t('overdueState')} · ${late.name} ${t('overdueBy', {
          d: duration(Date.now() - new Date(late.dueDate!).getTime()),
        })}`}
        action={
          maySupervise && (
            <Button danger onClick={() => setIssuing(true)}>
              {t('issueCard')}
            </Button>
          )
        }
      />
      <IssueCardModal
        target={issuing ? target : null}
        onClose={() => setIssuing(false)}
        onIssued={() => {
          setIssuing(false);
          onIssued();
        }}
      />
    </>
  );
}
