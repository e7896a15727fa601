import { useEffect, useState } from 'react';
import { Button, ConfigProvider, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { api, type Me } from './api';
import { I18nContext, useT, type Locale } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { ReportPage } from './pages/ReportPage';
import { RankingsPage } from './pages/RankingsPage';

type Page = 'todo' | 'done' | 'report' | 'rankings';

function Shell({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const t = useT();
  const [page, setPage] = useState<Page>('todo');
  const canReport = me.roles.some((r) => r === 'GRID_MEMBER' || r === 'STAFF');
  const canRank = me.roles.some((r) => r === 'SUPERVISOR' || r === 'DESIGNER' || r === 'ADMIN');
  const items = [
    { key: 'todo', label: t('todo') },
    { key: 'done', label: t('done') },
    ...(canReport ? [{ key: 'report', label: t('report') }] : []),
    ...(canRank ? [{ key: 'rankings', label: t('rankings') }] : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[page]}
          items={items}
          onClick={(e) => setPage(e.key as Page)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Typography.Text style={{ color: '#fff' }} data-testid="who">
          {me.displayName} · {me.org.name}
        </Typography.Text>
        <Button size="small" onClick={onLogout}>
          {t('logout')}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        {page === 'report' ? (
          <ReportPage me={me} onDone={() => setPage('todo')} />
        ) : page === 'rankings' ? (
          <RankingsPage me={me} />
        ) : (
          <InboxPage key={page} view={page} />
        )}
      </Layout.Content>
    </Layout>
  );
}

export function App() {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem('locale') as Locale) || 'zh-CN');
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    api<{ user: Me }>('/api/me').then(
      (r) => setMe(r.user),
      () => setMe(null),
    );
  }, []);
  const changeLocale = (l: Locale) => {
    localStorage.setItem('locale', l);
    setLocale(l);
  };
  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' });
    setMe(null);
  };

  return (
    <I18nContext.Provider value={{ locale, setLocale: changeLocale }}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>
        <Space style={{ position: 'fixed', right: 8, bottom: 8, zIndex: 10 }}>
          <Segmented
            size="small"
            value={locale}
            onChange={(v) => changeLocale(v as Locale)}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'EN', value: 'en' },
            ]}
          />
        </Space>
        {me === undefined ? (
          <Spin />
        ) : me ? (
          <Shell me={me} onLogout={logout} />
        ) : (
          <LoginPage onLogin={setMe} />
        )}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
