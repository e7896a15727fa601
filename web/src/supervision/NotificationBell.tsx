import { useCallback, useContext, useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, List, Tag } from 'antd';
import { api } from '../api';
import { I18nContext, useT, type Localized } from '../i18n';

interface Notice {
  id: string;
  kind: 'REMIND' | 'NORMAL' | 'YELLOW' | 'RED' | 'ALERT' | 'MESSAGE';
  title: Localized;
  body: Localized;
  readAt: string | null;
  createdAt: string;
}

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

/** The header's bell: unread count, the list in a drawer, mark read. */
export function NotificationBell() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<{ unread: number; items: Notice[] }>({ unread: 0, items: [] });

  const load = useCallback(async () => {
    try {
      setData(await api<{ unread: number; items: Notice[] }>('/api/notifications?pageSize=50'));
    } catch {
      // The next poll tries again; a failed poll must not break the header.
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const read = async (n: Notice) => {
    if (!n.readAt) await api(`/api/notifications/${n.id}/read`, { method: 'POST' });
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
                  description={n.body[locale]}
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
