// The shell: header (navigation, who I am, language, connection), and the routes.
import { useEffect, useRef } from 'preact/hooks';
import { lang, useI18n } from './i18n/i18n';
import { connectLive, disconnectLive, liveState } from './lib/live';
import { match, navigate, useRoute } from './lib/router';
import { loadNotifications, notifications } from './lib/notifications';
import { restore, session, signOut } from './lib/session';
import { useStore } from './lib/store';
import { Toasts } from './lib/toast';
import { focusHeading } from './lib/focus';
import { MAILBOX_NAV, NAV, pageTitle } from './lib/pages';
import { AuditPage } from './features/audit/AuditPage';
import { BackupsPage } from './features/backups/BackupsPage';
import { Board } from './features/board/Board';
import { ContactSheet } from './features/contacts/ContactSheet';
import { FundPage } from './features/fund/FundPage';
import { HistoryPage } from './features/history/HistoryPage';
import { MailboxPage } from './features/mailbox/MailboxPage';
import { IncidentPage } from './features/incident/IncidentPage';
import { PlanPage } from './features/plan/PlanPage';
import { DrillsPage } from './features/programme/DrillsPage';
import { MeetingsPage } from './features/programme/MeetingsPage';
import { ProgrammePage } from './features/programme/ProgrammePage';
import { TrainingsPage } from './features/programme/TrainingsPage';
import { ReportForm } from './features/report/ReportForm';
import { SignIn } from './features/session/SignIn';
import { SilencesPage } from './features/silences/SilencesPage';
import { SuppliersPage } from './features/suppliers/SuppliersPage';
import { KeysPage } from './features/signing/KeysPage';

// The programme's record pages (#/drills, #/drills/DR-2026-0001: that drill stands out), and the
// safeguards' (#/fund/FD-0001, #/suppliers/ST-2026-0001, #/backups/RT-2026-0001).
const RECORD_PAGES = [
  ['drills', DrillsPage],
  ['trainings', TrainingsPage],
  ['meetings', MeetingsPage],
  ['fund', FundPage],
  ['suppliers', SuppliersPage],
  ['backups', BackupsPage],
] as const;
const PROGRAMME = /^\/(drills|trainings|meetings)(\/|$)/;

function Header() {
  const { t, lang: current } = useI18n();
  const me = useStore(session);
  const live = useStore(liveState);
  const route = useRoute();
  const nav = useStore(notifications) === 'mailbox' ? [...NAV, MAILBOX_NAV] : NAV;
  return (
    <header class="top no-print">
      <a class="brand" href="#/">
        {t('app_name')}
      </a>
      <nav aria-label="main">
        {nav.map(([path, key]) => (
          <a
            key={path}
            href={`#${path}`}
            aria-current={
              route === path || route.startsWith(`${path}/`) || (path === '/programme' && PROGRAMME.test(route))
                ? 'page'
                : undefined
            }
          >
            {t(key)}
          </a>
        ))}
      </nav>
      <div class="who">
        <output class={`live live-${live}`}>
          {t(live === 'live' ? 'connection_live' : live === 'lost' ? 'connection_lost' : 'connection_connecting')}
        </output>
        {me && (
          <span class="me" title={`${t('me_party')}: ${me.party} · ${t('me_roles')}: ${me.roles.join(', ')}`}>
            {me.name} · {me.party}
            {me.admin ? ` · ${t('role_admin')}` : ''}
          </span>
        )}
        <label class="lang">
          <span class="visually-hidden">{t('language')}</span>
          <select value={current} onChange={(e) => lang.set(e.currentTarget.value as 'zh-CN' | 'en')}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        {me && (
          <button type="button" class="link" onClick={() => void signOut()}>
            {t('sign_out')}
          </button>
        )}
      </div>
    </header>
  );
}

function Routes() {
  const route = useRoute();
  const incident = match('/incidents/:id', route);
  if (incident) return <IncidentPage id={incident.id!} />;
  for (const [section, Page] of RECORD_PAGES) {
    if (route === `/${section}`) return <Page />;
    const record = match(`/${section}/:id`, route);
    if (record) return <Page selected={record.id} />;
  }
  switch (route) {
    case '/report':
      return <ReportForm />;
    case '/history':
      return <HistoryPage />;
    case '/plan':
      return <PlanPage />;
    case '/keys':
      return <KeysPage />;
    case '/contacts':
      return <ContactSheet />;
    case '/audit':
      return <AuditPage />;
    case '/silences':
      return <SilencesPage />;
    case '/programme':
      return <ProgrammePage />;
    case '/mailbox':
      return <MailboxPage />;
    case '/':
      return <Board />;
    default:
      navigate('/');
      return null;
  }
}

/**
 * The tab's title follows the page and the language; after a navigation (not the first page), the
 * new page's heading takes the focus.
 */
function usePageChanges(signedIn: boolean) {
  const { t } = useI18n();
  const route = useRoute();
  const first = useRef(true);
  useEffect(() => {
    document.title = pageTitle(route, signedIn, t);
  }, [route, signedIn, t]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A record named in the route (#/drills/DR-2026-0001) is scrolled to by its page: keep that.
    return focusHeading(
      document,
      RECORD_PAGES.some(([section]) => match(`/${section}/:id`, route)),
    );
  }, [route]);
}

export function App() {
  const me = useStore(session);
  const { t } = useI18n();
  useEffect(() => {
    void restore();
  }, []);
  useEffect(() => {
    if (me) {
      connectLive();
      void loadNotifications();
    } else disconnectLive();
  }, [me]);
  usePageChanges(!!me);
  if (me === undefined) return <p class="muted">{t('loading')}</p>;
  return (
    <>
      {/* A button, not a link: with routes in the hash, "#main" would be a route. */}
      <button type="button" class="skip-link" onClick={() => focusHeading()}>
        {t('skip_to_main')}
      </button>
      <Header />
      {me ? <Routes /> : <SignIn />}
      <Toasts />
    </>
  );
}
