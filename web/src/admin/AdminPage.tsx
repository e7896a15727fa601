import { Tabs } from 'antd';
import { useT } from '../i18n';
import { CalendarPanel } from './CalendarPanel';
import { ImportPanel } from './ImportPanel';
import { OrgTreePanel } from './OrgTreePanel';
import { CategoriesPanel, ChannelsPanel, SlaPanel } from './ReferencePanels';
import { RobotsPanel } from './RobotsPanel';
import { UsersPanel } from './UsersPanel';

/**
 * 系统管理 for admins. A street's admin gets the tabs of its own street (units, users, robots,
 * import); the district's reference data (SLA, categories, channels) is the district admin's.
 */
export function AdminPage({ district }: { district: boolean }) {
  const t = useT();
  const tabs = [
    { key: 'orgs', label: t('orgTree'), children: <OrgTreePanel /> },
    { key: 'users', label: t('users'), children: <UsersPanel /> },
    ...(district
      ? [
          { key: 'sla', label: t('slaRules'), children: <SlaPanel /> },
          { key: 'categories', label: t('categories'), children: <CategoriesPanel /> },
          { key: 'channels', label: t('channels'), children: <ChannelsPanel /> },
          { key: 'calendar', label: t('calendar'), children: <CalendarPanel /> },
        ]
      : []),
    { key: 'robots', label: t('robots'), children: <RobotsPanel /> },
    { key: 'import', label: t('bulkImport'), children: <ImportPanel /> },
  ];
  return <Tabs items={tabs} destroyOnHidden />;
}
