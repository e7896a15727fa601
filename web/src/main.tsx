import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, whenUnauthorized, type AnswerOf, type Me } from './api';
import { I18nContext, type Locale } from './i18n';
import { SessionContext } from './me';
import { LoginPage, Splash } from './pages/LoginPage';

/**
 * The app (antd, the router, every page) is loaded only once someone is signed in: the login page
 * is React and a form, so a phone on a slow network shows it in a second or two.
 */
const App = lazy(() => import('./App').then((m) => ({ default: m.App })));
const loadApp = () => void import('./App');
const PublicBuildingPage = lazy(() =>
  import('../../loops/base-data/web/PublicBuildingPage').then((m) => ({ default: m.PublicBuildingPage })),
);
/** A building's QR code scanned without a session: the residents' self-declaration page. */
const QR_PATH = /^\/qr\/([^/]+)$/;
/** An enterprise's self-check link: a page of its own, with no account and no sign-in. */
const SelfCheckPage = lazy(() =>
  import('../../loops/joint-inspection/web/SelfCheckPage').then((m) => ({ default: m.SelfCheckPage })),
);
const selfCheckToken = /^\/self-check\/([A-Za-z0-9_-]{43})$/.exec(window.location.pathname)?.[1];

function Boot() {
  const [locale, setLocale] = useState<Locale>(() => (localStorage.getItem('locale') as Locale) || 'zh-CN');
  const changeLocale = (l: Locale) => {
    localStorage.setItem('locale', l);
    document.documentElement.lang = l;
    setLocale(l);
  };
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const [qrCode, setQrCode] = useState(() => QR_PATH.exec(window.location.pathname)?.[1]);

  useEffect(() => {
    api<AnswerOf<'/api/me'>>('/api/me').then(
      (r) => setMe(r.user),
      () => setMe(null),
    );
  }, []);
  useEffect(
    () =>
      // A session that ended under a signed-in page says so on the login page; the URL stays. The
      // page's other requests answer 401 too, after the shell already left it: they keep the notice.
      whenUnauthorized(() => {
        if (me) setExpired(true);
        setMe(null);
      }),
    [me],
  );

  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setExpired(false);
    setMe(null);
  };

  return (
    <I18nContext.Provider value={{ locale, setLocale: changeLocale }}>
      {selfCheckToken ? (
        <Suspense fallback={<Splash />}>
          <SelfCheckPage token={selfCheckToken} />
        </Suspense>
      ) : me === undefined ? (
        <Splash />
      ) : me === null && qrCode ? (
        <Suspense fallback={<Splash />}>
          <PublicBuildingPage code={decodeURIComponent(qrCode)} onLogin={() => setQrCode(undefined)} />
        </Suspense>
      ) : me === null ? (
        <LoginPage
          expired={expired}
          onSubmit={loadApp}
          onLogin={(user) => {
            setExpired(false);
            setMe(user);
          }}
        />
      ) : (
        <Suspense fallback={<Splash />}>
          <SessionContext.Provider value={{ me, setMe, logout }}>
            <App />
          </SessionContext.Provider>
        </Suspense>
      )}
    </I18nContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Boot />
  </StrictMode>,
);
