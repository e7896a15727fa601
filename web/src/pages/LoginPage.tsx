import { useContext, useEffect, useState, type FormEvent } from 'react';
import { api, ApiFailure, type AnswerOf, type Me, errorText } from '../api';
import { I18nContext, useT, type Locale } from '../i18n';
// Inlined, not a stylesheet: a <link> in the page's head would hold back its first paint.
import loginCss from './login.css?inline';

/** What shows while the session is asked for or the app loads: the name, no spinner library. */
export function Splash() {
  const t = useT();
  return (
    <div className="login-screen" aria-busy="true">
      <style>{loginCss}</style>
      <div className="login-brand">{t('appName')}</div>
    </div>
  );
}

/**
 * 登录. Plain elements, no component library: this page is what a phone on a slow network loads
 * first, and the app behind it is fetched while the password is checked (`onSubmit`).
 */
export function LoginPage({
  expired,
  onSubmit,
  onLogin,
}: {
  expired: boolean;
  onSubmit: () => void;
  onLogin: (me: Me) => void;
}) {
  const t = useT();
  const { locale, setLocale } = useContext(I18nContext);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // A locked-out sign-in: when it may be tried again, counted down on the page. The button
  // stays: a colleague at the same desk signs in with their own account meanwhile.
  const [until, setUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) setUntil(undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const waitSeconds = until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  const wait = `${Math.floor(waitSeconds / 60)}:${String(waitSeconds % 60).padStart(2, '0')}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const blank = { username: !username.trim(), password: !password };
    setMissing(blank);
    if (blank.username || blank.password) return;
    onSubmit();
    setBusy(true);
    setError(undefined);
    try {
      const body = { username: username.trim(), password };
      onLogin((await api<AnswerOf<'/api/auth/login', 'post'>>('/api/auth/login', { body })).user);
    } catch (err) {
      setError(errorText(err, locale));
      const retryAfter = err instanceof ApiFailure ? err.error.retryAfter : undefined;
      setNow(Date.now());
      setUntil(retryAfter ? Date.now() + retryAfter * 1000 : undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-screen">
      <style>{loginCss}</style>
      <div className="login-locale" role="group" aria-label="语言 Language">
        {(['zh-CN', 'en'] as Locale[]).map((l) => (
          <button key={l} type="button" aria-pressed={locale === l} onClick={() => setLocale(l)}>
            {l === 'zh-CN' ? '中文' : 'EN'}
          </button>
        ))}
      </div>
      {expired && (
        <div className="login-banner" role="alert" data-testid="session-expired">
          {t('sessionExpired')}
        </div>
      )}
      <form className="login-card" onSubmit={submit} noValidate>
        <h1>{t('appName')}</h1>
        <p className="login-tagline">{t('tagline')}</p>
        {error && (
          <div className="login-error" role="alert">
            <div>{error}</div>
            {waitSeconds > 0 && <div>{t('loginWait', { time: wait })}</div>}
          </div>
        )}
        <label htmlFor="login-username">{t('username')}</label>
        <input
          id="login-username"
          autoComplete="username"
          value={username}
          aria-invalid={missing.username}
          onChange={(e) => setUsername(e.target.value)}
        />
        {missing.username && <div className="login-required">{t('required')}</div>}
        <label htmlFor="login-password">{t('password')}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          aria-invalid={missing.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {missing.password && <div className="login-required">{t('required')}</div>}
        <button type="submit" className="login-submit" disabled={busy}>
          {t('login')}
        </button>
      </form>
    </div>
  );
}
