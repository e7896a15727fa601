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
import { MyReportsPage } from './field/MyReportsPage';
import { HeaderSearch } from './field/HeaderSearch';

// The modeler (bpmn-js, properties panel, lint rules) and ECharts are most of the bundle: only the
// roles that open these pages load them.
const DesignerPage = lazy(() => import('./pages/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const SupervisionPage = lazy(() =>
  import('./supervision/SupervisionPage').then((m) => ({ default: m.SupervisionPage })),
);
const DisputesPage = lazy(() => import('./disputes/DisputesPage').then((m) => ({ default: m.DisputesPage })));
const RankingsPage = lazy(() => import('./pages/RankingsPage').then((m) => ({ default: m.RankingsPage })));
const MapPage = lazy(() => import('./map/MapPage').then((m) => ({ default: m.MapPage })));
const ScreenPage = lazy(() => import('./screen/ScreenPage').then((m) => ({ default: m.ScreenPage })));
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));

type Page =
  | 'todo'
  | 'done'
  | 'report'
  | 'mine'
  | 'cases'
  | 'disputes'
  | 'map'
  | 'screen'
  | 'designer'
  | 'supervision'
  | 'rankings'
  | 'admin'
  | 'audit';

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
    ...(me.org.type !== 'DEPARTMENT' ? [{ key: 'map', label: t('map') }] : []),
    ...(seesCases ? [{ key: 'disputes', label: t('disputes') }] : []),
    ...(canReport
      ? [
          { key: 'report', label: t('report') },
          { key: 'mine', label: t('myReports') },
        ]
      : []),
    ...(me.roles.includes('DESIGNER') ? [{ key: 'designer', label: t('designer') }] : []),
    ...(me.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN')
      ? [{ key: 'supervision', label: t('supervision') }]
      : []),
    ...(canRank ? [{ key: 'rankings', label: t('rankings') }] : []),
    ...(me.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN')
      ? [{ key: 'screen', label: t('screen') }]
      : []),
    ...(me.roles.includes('ADMIN') ? [{ key: 'admin', label: t('admin') }] : []),
    ...(me.roles.includes('ADMIN') ? [{ key: 'audit', label: t('audit') }] : []),
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
        <HeaderSearch onOpenCase={setCaseId} compact={narrow} />
        <NotificationBell onOpenCase={setCaseId} />
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
            <ReportPage me={me} onOpenCase={setCaseId} />
          ) : page === 'mine' ? (
            <MyReportsPage onOpenCase={setCaseId} />
          ) : page === 'cases' ? (
            <CasesPage onOpenCase={setCaseId} />
          ) : page === 'map' ? (
            <MapPage onOpenCase={setCaseId} />
          ) : page === 'screen' ? (
            <ScreenPage me={me} onExit={() => go('todo')} />
          ) : page === 'disputes' ? (
            <DisputesPage me={me} />
          ) : page === 'designer' ? (
            <DesignerPage />
          ) : page === 'supervision' ? (
            <SupervisionPage me={me} onOpenCase={setCaseId} />
          ) : page === 'rankings' ? (
            <RankingsPage me={me} />
          ) : page === 'admin' ? (
            <AdminPage district={me.org.type === 'DISTRICT'} />
          ) : page === 'audit' ? (
            <AuditPage />
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
