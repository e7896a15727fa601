import { lazy, type ComponentType, type ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CommentOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Me } from './api';
import type { MessageKey } from './i18n';
import { hasRole, isLeader, useMe } from './me';
import { InboxPage } from './pages/InboxPage';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/CasesPage';
import { ReportPage } from './pages/ReportPage';
import { HomePage } from './pages/HomePage';
import { MyReportsPage } from './field/MyReportsPage';
import { StartPage } from './pages/StartPage';
import { InstancePage } from './pages/InstancePage';

// The modeler (bpmn-js, properties panel, lint rules) and ECharts are most of the bundle: only the
// roles that open these pages load them.
const DesignerPage = lazy(() => import('./pages/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const SupervisionPage = lazy(() =>
  import('./supervision/SupervisionPage').then((m) => ({ default: m.SupervisionPage })),
);
const RankingsPage = lazy(() => import('./pages/RankingsPage').then((m) => ({ default: m.RankingsPage })));
const MapPage = lazy(() => import('./map/MapPage').then((m) => ({ default: m.MapPage })));
const ScreenPage = lazy(() => import('./screen/ScreenPage').then((m) => ({ default: m.ScreenPage })));
const DisputesPage = lazy(() =>
  import('../../loops/dispute-mediation/web/DisputesPage').then((m) => ({ default: m.DisputesPage })),
);
const DisputeCase = lazy(() =>
  import('../../loops/dispute-mediation/web/DisputeCase').then((m) => ({ default: m.DisputeCase })),
);
const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const PatientsPage = lazy(() =>
  import('../../loops/patient-care/web/PatientsPage').then((m) => ({ default: m.PatientsPage })),
);
const PatientFilePage = lazy(() =>
  import('../../loops/patient-care/web/PatientFile').then((m) => ({ default: m.PatientFilePage })),
);
const TargetsPage = lazy(() =>
  import('../../loops/patient-care/web/TargetsPage').then((m) => ({ default: m.TargetsPage })),
);
const BaseSearchPage = lazy(() =>
  import('../../loops/base-data/web/BaseSearchPage').then((m) => ({ default: m.BaseSearchPage })),
);
const BuildingPage = lazy(() =>
  import('../../loops/base-data/web/BuildingPage').then((m) => ({ default: m.BuildingPage })),
);
const QrRedirect = lazy(() =>
  import('../../loops/base-data/web/BuildingPage').then((m) => ({ default: m.QrRedirect })),
);
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const PetitionsPage = lazy(() =>
  import('../../loops/petition/web/PetitionsPage').then((m) => ({ default: m.PetitionsPage })),
);
const OpinionPage = lazy(() => import('./opinion/OpinionPage').then((m) => ({ default: m.OpinionPage })));
const JointInspectionsPage = lazy(() =>
  import('../../loops/joint-inspection/web/JointInspectionsPage').then((m) => ({
    default: m.JointInspectionsPage,
  })),
);
const PetitionCase = lazy(() =>
  import('../../loops/petition/web/PetitionCase').then((m) => ({ default: m.PetitionCase })),
);
const PatrolPage = lazy(() =>
  import('../../loops/patrol/web/PatrolPage').then((m) => ({ default: m.PatrolPage })),
);
const PatrolsPage = lazy(() =>
  import('../../loops/patrol/web/PatrolsPage').then((m) => ({ default: m.PatrolsPage })),
);
const WarningsPage = lazy(() =>
  import('../../loops/early-warning/web/WarningsPage').then((m) => ({ default: m.WarningsPage })),
);
const SamplingPage = lazy(() =>
  import('../../loops/satisfaction-sampling/web/SamplingPage').then((m) => ({ default: m.SamplingPage })),
);

/**
 * The side menu's groups, in menu order: each with its label and the icon a folded menu shows. A
 * group with one entry for the person is that entry alone; one with none is not shown.
 */
export const menuGroups = {
  work: { label: 'nav.work', icon: <ProfileOutlined /> },
  cases: { label: 'cases', icon: <FileSearchOutlined /> },
  patients: { label: 'patients', icon: <TeamOutlined /> },
  disputes: { label: 'disputes', icon: <CommentOutlined /> },
  petitions: { label: 'petitions', icon: <AuditOutlined /> },
  baseData: { label: 'baseData', icon: <HomeOutlined /> },
  opinion: { label: 'opinion', icon: <NotificationOutlined /> },
  inspections: { label: 'inspections', icon: <SafetyCertificateOutlined /> },
  supervision: { label: 'nav.supervision', icon: <AlertOutlined /> },
  map: { label: 'nav.map', icon: <GlobalOutlined /> },
  admin: { label: 'admin', icon: <SettingOutlined /> },
  designer: { label: 'designer', icon: <ApartmentOutlined /> },
} satisfies Record<string, { label: MessageKey; icon: ReactNode }>;

export interface AppRoute {
  /** A react-router path: the page's URL, which survives a reload and is what links and notices use. */
  path: string;
  Page: ComponentType;
  /** Its entry in the side menu, the group it is under and who sees it; a route without one is reached by links. */
  menu?: { group: keyof typeof menuGroups; label: MessageKey; for: (me: Me) => boolean };
  /** A workspace that needs the screen's width (the modeler): the side menu stays folded to icons on it. */
  wide?: true;
}

const Todo = () => <InboxPage view="todo" />;
const Done = () => <InboxPage view="done" />;
/** Pages that open a case take it to its URL. */
const useOpenCase = () => {
  const navigate = useNavigate();
  return (id: string) => navigate(`/cases/${id}`);
};
const Report = () => <ReportPage me={useMe()} onOpenCase={useOpenCase()} />;
const MyReports = () => <MyReportsPage onOpenCase={useOpenCase()} />;
const Map = () => <MapPage onOpenCase={useOpenCase()} />;
function Screen() {
  const navigate = useNavigate();
  return <ScreenPage me={useMe()} onExit={() => navigate('/')} />;
}
const Disputes = () => <DisputesPage me={useMe()} />;
const Admin = () => <AdminPage district={useMe().org.type === 'DISTRICT'} />;
function Supervision() {
  const navigate = useNavigate();
  return (
    <SupervisionPage
      me={useMe()}
      onOpenCase={useOpenCase()}
      onOpenPatient={(id) => navigate(`/patients/${id}`)}
    />
  );
}
const Rankings = () => <RankingsPage me={useMe()} />;
const Targets = () => <TargetsPage me={useMe()} />;
const Warnings = () => <WarningsPage me={useMe()} />;
const Sampling = () => <SamplingPage me={useMe()} />;

/**
 * Every page of the app, one line each, in menu order within its group. A new page (patients, disputes, petitions,
 * admin, map) is one more line here.
 */
export const appRoutes: AppRoute[] = [
  { path: '/home', Page: HomePage, menu: { group: 'work', label: 'home', for: isLeader } },
  { path: '/todo', Page: Todo, menu: { group: 'work', label: 'todo', for: () => true } },
  { path: '/tasks/:key', Page: Todo },
  { path: '/done', Page: Done, menu: { group: 'work', label: 'done', for: () => true } },
  // Units above the grid follow the cases of their area; a grid member follows its tasks.
  {
    path: '/cases',
    Page: CasesPage,
    menu: { group: 'cases', label: 'cases', for: (me) => me.org.type !== 'GRID' },
  },
  { path: '/cases/:id', Page: CasePage },
  {
    path: '/report',
    Page: Report,
    menu: { group: 'work', label: 'report', for: (me) => hasRole(me, 'GRID_MEMBER', 'STAFF') },
  },
  {
    path: '/my-reports',
    Page: MyReports,
    menu: { group: 'work', label: 'myReports', for: (me) => hasRole(me, 'GRID_MEMBER', 'STAFF') },
  },
  {
    path: '/patrol',
    Page: PatrolPage,
    menu: { group: 'work', label: 'patrol', for: (me) => hasRole(me, 'GRID_MEMBER') },
  },
  // 发起: processes a designer built; every case worker may open it (the API lists what they may start).
  {
    path: '/start',
    Page: StartPage,
    menu: {
      group: 'work',
      label: 'start',
      for: (me) => hasRole(me, 'GRID_MEMBER', 'STAFF', 'SUPERVISOR', 'PSYCHIATRIC_DOCTOR'),
    },
  },
  { path: '/start/:key', Page: StartPage },
  { path: '/instances/:id', Page: InstancePage },
  {
    path: '/map',
    Page: Map,
    menu: { group: 'map', label: 'map', for: (me) => me.org.type !== 'DEPARTMENT' },
  },
  {
    path: '/screen',
    Page: Screen,
    menu: { group: 'map', label: 'screen', for: (me) => hasRole(me, 'SUPERVISOR', 'ADMIN') },
  },
  { path: '/patients', Page: PatientsPage, menu: { group: 'patients', label: 'patients', for: () => true } },
  { path: '/patients/:id', Page: PatientFilePage },
  {
    path: '/patient-targets',
    Page: Targets,
    menu: {
      group: 'patients',
      label: 'patientTargets',
      for: (me) => me.org.type === 'DISTRICT' || me.org.type === 'STREET',
    },
  },
  {
    path: '/disputes',
    Page: Disputes,
    menu: { group: 'disputes', label: 'disputes', for: (me) => me.org.type !== 'GRID' },
  },
  { path: '/disputes/:id', Page: DisputeCase },
  // Petitions are read by the units working them and the chain above (the API scopes the list).
  {
    path: '/petitions',
    Page: PetitionsPage,
    menu: { group: 'petitions', label: 'petitions', for: (me) => me.org.type !== 'GRID' },
  },
  { path: '/petitions/:id', Page: PetitionCase },
  // 块数据: buildings, rooms, residents, businesses of one's area (the API scopes them).
  {
    path: '/base',
    Page: BaseSearchPage,
    menu: {
      group: 'baseData',
      label: 'baseSearch',
      for: (me) => me.org.type !== 'DEPARTMENT' && hasRole(me, 'GRID_MEMBER', 'STAFF', 'SUPERVISOR'),
    },
  },
  { path: '/base/buildings/:id', Page: BuildingPage },
  // A building's QR code opens here; without a session main.tsx shows the self-declaration page.
  { path: '/qr/:code', Page: QrRedirect },
  // 联合检查: the departments that inspect enterprises and the district that merges their plans.
  {
    path: '/joint-inspections',
    Page: JointInspectionsPage,
    menu: {
      group: 'inspections',
      label: 'inspections',
      for: (me) =>
        (me.org.type === 'DISTRICT' || me.org.type === 'DEPARTMENT') && hasRole(me, 'STAFF', 'SUPERVISOR'),
    },
  },
  // 舆情 is the district's watch: its staff and leaders triage, its administrator keeps the sources.
  {
    path: '/opinion',
    Page: OpinionPage,
    menu: {
      group: 'opinion',
      label: 'opinion',
      for: (me) => me.org.type === 'DISTRICT' && hasRole(me, 'STAFF', 'SUPERVISOR', 'ADMIN'),
    },
  },
  {
    path: '/designer',
    Page: DesignerPage,
    menu: { group: 'designer', label: 'designer', for: (me) => hasRole(me, 'DESIGNER') },
    wide: true,
  },
  {
    path: '/supervision',
    Page: Supervision,
    menu: { group: 'supervision', label: 'supervision', for: isLeader },
  },
  {
    path: '/rankings',
    Page: Rankings,
    menu: {
      group: 'supervision',
      label: 'rankings',
      for: (me) => hasRole(me, 'SUPERVISOR', 'DESIGNER', 'ADMIN'),
    },
  },
  {
    path: '/patrols',
    Page: PatrolsPage,
    menu: {
      group: 'supervision',
      label: 'patrols',
      for: (me) =>
        me.org.type !== 'GRID' && me.org.type !== 'DEPARTMENT' && hasRole(me, 'STAFF', 'SUPERVISOR'),
    },
  },
  {
    path: '/warnings',
    Page: Warnings,
    menu: {
      group: 'supervision',
      label: 'warnings',
      for: (me) =>
        me.org.type !== 'GRID' && me.org.type !== 'DEPARTMENT' && hasRole(me, 'STAFF', 'SUPERVISOR'),
    },
  },
  {
    path: '/sampling',
    Page: Sampling,
    menu: {
      group: 'supervision',
      label: 'sampling',
      for: (me) => me.org.type !== 'GRID' && hasRole(me, 'STAFF', 'SUPERVISOR'),
    },
  },
  {
    path: '/admin',
    Page: Admin,
    menu: { group: 'admin', label: 'admin', for: (me) => hasRole(me, 'ADMIN') },
  },
  {
    path: '/audit',
    Page: AuditPage,
    menu: { group: 'admin', label: 'audit', for: (me) => hasRole(me, 'ADMIN') },
  },
];

/** Where a person lands: leaders on their area's summary, designers in the designer, everyone else on 待办. */
export function homePath(me: Me) {
  if (isLeader(me)) return '/home';
  if (hasRole(me, 'DESIGNER') && !hasRole(me, 'STAFF', 'GRID_MEMBER')) return '/designer';
  return '/todo';
}

/** The menu entry a URL belongs to: a task is under 待办, a case under 案件 (or 待办 for a grid member). */
export function menuKeyOf(pathname: string, me: Me) {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  if (first === '/tasks') return '/todo';
  if (first === '/cases' && me.org.type === 'GRID') return '/todo';
  return first;
}
