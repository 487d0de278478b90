/**
 * The sub-navigation of the indicator pages: Danh mục chỉ tiêu · Nhập số liệu · Phê duyệt số liệu.
 */
import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import type { Me } from '../../api/types';
import { useT } from '../../i18n';

export type IndicatorSection = 'catalogue' | 'entry' | 'approvals';

const PATHS: Record<IndicatorSection, string> = {
  catalogue: '/indicators',
  entry: '/indicators/entry',
  approvals: '/indicators/approvals',
};

/** Whether the user may approve values somewhere (coordinators and administrators). */
export function canApproveValues(me: Me | undefined): boolean {
  if (!me) return false;
  return me.isSystemAdmin || me.roles.some((grant) => grant.role === 'coordinator' || grant.role === 'system_admin');
}

/** Whether the user may set targets somewhere (coordinators and administrators; the server decides). */
export const canManageTargets = canApproveValues;

export function IndicatorNav({ current }: { current: IndicatorSection }) {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const sections: IndicatorSection[] = canApproveValues(me.data) || current === 'approvals' ? ['catalogue', 'entry', 'approvals'] : ['catalogue', 'entry'];
  return (
    <Segmented<IndicatorSection>
      value={current}
      onChange={(section) => navigate(PATHS[section])}
      options={sections.map((section) => ({
        value: section,
        label: <span data-testid={`indicator-nav-${section}`}>{t(`indicator.nav.${section}`)}</span>,
      }))}
      style={{ marginBottom: 16 }}
      data-testid="indicator-nav"
    />
  );
}
