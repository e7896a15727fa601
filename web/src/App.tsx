import { lazy, Suspense, useEffect, useState } from 'react';
import {
  Button,
  ConfigProvider,
  Grid,
  Layout,
  Menu,
  message,
  Segmented,
  Space,
  Spin,
  Typography,
} from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { api, type Me } from './api';
import { I18nContext, useT, type Locale } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { ReportPage } from './pages/ReportPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { NotificationBell } from './supervision/NotificationBell';

// The modeler (bpmn-js, properties panel, lint rules) and ECharts are most of the bundle: only the
// roles that open these pages load them.
const DesignerPage = lazy(() => import('./pages/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const SupervisionPage = lazy(() =>
  import('./supervision/SupervisionPage').then((m) => ({ default: m.SupervisionPage })),
);
const RankingsPage = lazy(() => import('./pages/RankingsPage').then((m) => ({ default: m.RankingsPage })));
const PatientsPage = lazy(() => import('./patients/PatientsPage').then((m) => ({ default: m.PatientsPage })));

type Page = 'todo' | 'done' | 'report' | 'cases' | 'designer' | 'supervision' | 'rankings' | 'patients';

function Shell({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const t = useT();
  const [page, setPage] = useState<Page>('todo');
  // The case open in the case view, over whichever page it was opened from.
  const [caseId, setCaseId] = useState<string | null>(null);
  const canReport = me.roles.some((r) => r === 'GRID_MEMBER' || r === 'STAFF');
  // Units above the grid follow the cases of their area; a grid member follows its tasks.
  const seesCases = me.org.type !== 'GRID';
  const canRank = me.roles.some((r) => r === 'SUPERVISOR' || r === 'DESIGNER' || r === 'ADMIN');
  const items = [
    { key: 'todo', label: t('todo') },
    { key: 'done', label: t('done') },
    ...(seesCases ? [{ key: 'cases', label: t('cases') }] : []),
    ...(canReport ? [{ key: 'report', label: t('report') }] : []),
    ...(me.roles.includes('DESIGNER') ? [{ key: 'designer', label: t('designer') }] : []),
    ...(me.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN')
      ? [{ key: 'supervision', label: t('supervision') }]
      : []),
    ...(canRank ? [{ key: 'rankings', label: t('rankings') }] : []),
    { key: 'patients', label: t('patients') },
  ];
  // On a phone the menu needs the header's width: the name moves into the logout button's title.
  const narrow = !Grid.useBreakpoint().md;
  const go = (p: Page) => {
    setCaseId(null);
    setPage(p);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          padding: narrow ? '0 8px' : undefined,
        }}
      >
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[page]}
          items={items}
          onClick={(e) => go(e.key as Page)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <NotificationBell />
        {!narrow && (
          <Typography.Text style={{ color: '#fff' }} data-testid="who">
            {me.displayName} · {me.org.name}
          </Typography.Text>
        )}
        <Button size="small" onClick={onLogout} title={`${me.displayName} · ${me.org.name}`}>
          {t('logout')}
        </Button>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 8 : 16 }}>
        <Suspense fallback={<Spin />}>
          {caseId ? (
            <CasePage eventId={caseId} onBack={() => setCaseId(null)} />
          ) : page === 'report' ? (
            <ReportPage me={me} onDone={() => go('todo')} />
          ) : page === 'cases' ? (
            <CasesPage onOpenCase={setCaseId} />
          ) : page === 'designer' ? (
            <DesignerPage />
          ) : page === 'supervision' ? (
            <SupervisionPage me={me} />
          ) : page === 'rankings' ? (
            <RankingsPage me={me} />
          ) : page === 'patients' ? (
            <PatientsPage />
          ) : (
            <InboxPage key={page} view={page} userId={me.id} onOpenCase={setCaseId} />
          )}
        </Suspense>
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
    // The last user's notices are not the next one's.
    message.destroy();
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
