import { useCallback, useContext, useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, List, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { api, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';

type Notice = AnswerOf<'/api/notifications'>['items'][number];

/** A bell drawn inline: no icon package is a direct dependency, and emoji fonts are not everywhere. */
const Bell = () => (
  <svg viewBox="0 0 24 24" width="14" height="14" fill="currentColor" aria-hidden>
    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
  </svg>
);

const COLOR = {
  REMIND: 'blue',
  NORMAL: 'purple',
  YELLOW: 'gold',
  RED: 'red',
  ALERT: 'volcano',
  MESSAGE: 'cyan',
} as const;
const POLL_MS = 30_000;

/** What a notice or one digest line opens: its task if it names one, else its case. */
const linkOf = (n: { taskKey: string | null; eventId: string | null; path?: string | null }) =>
  n.taskKey ? `/tasks/${n.taskKey}` : n.eventId ? `/cases/${n.eventId}` : (n.path ?? null);

/** The header's bell: unread digests, the list in a drawer, every line opening its task or case, mark read. */
export function NotificationBell() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<{ unread: number; items: Notice[] }>({ unread: 0, items: [] });

  const load = useCallback(async () => {
    try {
      setData(await api<AnswerOf<'/api/notifications'>>('/api/notifications?pageSize=50'));
    } catch {
      // The next poll tries again; a failed poll must not break the header.
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const navigate = useNavigate();
  /**
   * Marks the notice read and opens `to`: what the notice is about, or the one line clicked of a
   * digest about several cases (the digest itself names none then).
   */
  const read = async (n: Notice, to = linkOf(n)) => {
    if (to) {
      setOpen(false);
      navigate(to);
    }
    if (!n.readAt) await api(`/api/notifications/${n.id}/read`, { method: 'POST' }).catch(() => undefined);
    void load();
  };

  return (
    <>
      <Badge count={data.unread} size="small">
        <Button
          size="small"
          data-testid="bell"
          icon={<Bell />}
          onClick={() => setOpen(true)}
          aria-label={t('notifications')}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notifications')}
        width={Math.min(420, window.innerWidth)}
        extra={
          <Button
            size="small"
            onClick={async () => {
              await api('/api/notifications/read-all', { method: 'POST' });
              void load();
            }}
          >
            {t('markAllRead')}
          </Button>
        }
      >
        {data.items.length ? (
          <List
            dataSource={data.items}
            renderItem={(n) => (
              <List.Item
                data-testid="notification"
                onClick={() => void read(n)}
                style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              >
                <List.Item.Meta
                  title={
                    <>
                      <Tag color={COLOR[n.kind]}>{n.title[locale]}</Tag>
                      {new Date(n.createdAt).toLocaleString(locale)}
                    </>
                  }
                  description={
                    n.items.length ? (
                      <List
                        size="small"
                        split={false}
                        dataSource={n.items}
                        renderItem={(i) => (
                          <List.Item style={{ padding: '2px 0' }} data-testid="notice-line">
                            {linkOf(i) ? (
                              <a
                                href={linkOf(i)!}
                                onClick={(e) => {
                                  e.preventDefault();
                                  e.stopPropagation();
                                  void read(n, linkOf(i));
                                }}
                              >
                                {i.text[locale]}
                              </a>
                            ) : (
                              i.text[locale]
                            )}
                          </List.Item>
                        )}
                      />
                    ) : (
                      n.body[locale]
                    )
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty description={t('noNotifications')} />
        )}
      </Drawer>
    </>
  );
}
