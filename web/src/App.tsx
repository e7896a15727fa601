import { Suspense, useContext, useEffect, useState } from 'react';
import {
  createBrowserRouter,
  matchPath,
  Navigate,
  Outlet,
  RouterProvider,
  useLocation,
  useNavigate,
  useRouteError,
} from 'react-router';
import {
  Button,
  ConfigProvider,
  Drawer,
  Grid,
  Layout,
  Menu,
  message,
  Result,
  Segmented,
  Spin,
  Typography,
} from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nContext, useT, type Locale } from './i18n';
import { MeContext, SessionContext, useMe } from './me';
import { appRoutes, homePath, menuGroups, menuKeyOf } from './routes';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { NotificationBell } from './supervision/NotificationBell';
import { HeaderSearch } from './field/HeaderSearch';
import { DraftSender } from './field/DraftSender';

/** 中文/EN, in the header (or above the login card): never floating over a table's cells. */
function LanguageSwitch() {
  const { locale, setLocale } = useContext(I18nContext);
  return (
    <Segmented
      size="small"
      value={locale}
      onChange={(v) => setLocale(v as Locale)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

/** Whether the side menu is folded to its icons: each person's choice, kept in the browser. */
const COLLAPSED_KEY = 'sideMenuCollapsed';

/**
 * The person's pages under their groups (appRoutes, menuGroups): a group with one page for them
 * is that page alone, a group with none is left out.
 */
function SideMenu({ theme, onOpen }: { theme: 'dark' | 'light'; onOpen: (path: string) => void }) {
  const t = useT();
  const me = useMe();
  const { pathname } = useLocation();
  const mine = appRoutes.filter((r) => r.menu?.for(me));
  const items = Object.entries(menuGroups).flatMap(([group, { label, icon }]) => {
    const pages = mine
      .filter((r) => r.menu!.group === group)
      .map((r) => ({ key: r.path, label: t(r.menu!.label) }));
    if (pages.length === 0) return [];
    if (pages.length === 1) return [{ ...pages[0], icon }];
    return [{ key: group, label: t(label), icon, children: pages }];
  });
  // Denser than antd's rows, so a leader's whole menu fits an office screen's 768 px.
  return (
    <ConfigProvider theme={{ components: { Menu: { itemHeight: 36, itemMarginBlock: 2 } } }}>
      <Menu
        theme={theme}
        mode="inline"
        selectedKeys={[menuKeyOf(pathname, me)]}
        defaultOpenKeys={Object.keys(menuGroups)}
        items={items}
        onClick={(e) => onOpen(e.key)}
        style={{ borderInlineEnd: 0 }}
        data-testid="side-menu"
      />
    </ConfigProvider>
  );
}

function Shell({ onLogout }: { onLogout: () => void }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const wide = appRoutes.some((r) => r.wide && matchPath(r.path, pathname));
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === 'true');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const open = (path: string) => {
    setDrawerOpen(false);
    navigate(path);
  };
  // On a phone the menu is a drawer behind the header's menu button, and the name moves into the
  // logout button's title.
  const narrow = !Grid.useBreakpoint().md;
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
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.open')}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
            data-testid="side-menu-open"
          />
        )}
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap', flex: 1 }}>
          {t('appName')}
        </Typography.Text>
        <HeaderSearch onOpenCase={(id) => navigate(`/cases/${id}`)} compact={narrow} />
        <NotificationBell />
        {!narrow && <LanguageSwitch />}
        {!narrow && (
          <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="who">
            {me.displayName} · {me.org.name}
          </Typography.Text>
        )}
        <Button size="small" onClick={onLogout} title={`${me.displayName} · ${me.org.name}`}>
          {t('logout')}
        </Button>
      </Layout.Header>
      <Layout>
        {narrow ? (
          <Drawer
            placement="left"
            size={256}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('appName')}
            styles={{ body: { padding: 0 } }}
          >
            <SideMenu theme="light" onOpen={open} />
          </Drawer>
        ) : (
          <Layout.Sider
            collapsible
            collapsed={collapsed || wide}
            trigger={wide ? null : undefined}
            onCollapse={(folded) => {
              localStorage.setItem(COLLAPSED_KEY, String(folded));
              setCollapsed(folded);
            }}
            // It stays in view beside a long page, scrolling itself when it is the longer one.
            style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}
          >
            <SideMenu theme="dark" onOpen={open} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>
          <Suspense fallback={<Spin data-testid="page-loading" />}>
            <Outlet />
          </Suspense>
          {narrow && (
            <div style={{ marginTop: 16, textAlign: 'center' }}>
              <LanguageSwitch />
            </div>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The signed-in user's shell, or first a password of their own when theirs was one-time. */
function Root() {
  const { me, setMe, logout } = useContext(SessionContext);
  // The last user's notices are not the next one's.
  useEffect(() => () => message.destroy(), []);
  if (me.mustChangePassword) return <ChangePasswordPage me={me} onChanged={setMe} onLogout={logout} />;
  return (
    <MeContext.Provider value={me}>
      <DraftSender />
      <Shell onLogout={logout} />
    </MeContext.Provider>
  );
}

const HomeRedirect = () => <Navigate to={homePath(useMe())} replace />;

function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('pageNotFound')}
      extra={<Button onClick={() => navigate('/')}>{t('backHome')}</Button>}
    />
  );
}

/** A page that failed to render (or a lazy chunk that failed to load): a way back, never a blank app. */
function RouteError() {
  const t = useT();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t('pageFailed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={<Button onClick={() => window.location.assign('/')}>{t('backHome')}</Button>}
    />
  );
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...appRoutes.map(({ path, Page }) => ({ path, element: <Page />, errorElement: <RouteError /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/**
 * Whoever asked their system for less motion (vestibular disorders, an old office PC, a remote
 * desktop) gets antd without its transitions; the browser tests ask for it too.
 */
const REDUCED_MOTION = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** The signed-in app: the boot (main.tsx) loads it once someone has signed in. */
export function App() {
  const { locale } = useContext(I18nContext);
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { motion: !REDUCED_MOTION } }}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}
