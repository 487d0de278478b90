/**
 * Tags and small formatters of the S&T projects pages: status (timeliness as of a date), risks,
 * acceptance rating, stage; amounts in million đồng and months "03/2026".
 */
import { Space, Tag, Tooltip } from 'antd';
import { formatNumber } from '../../format';
import { useLanguage } from '../../i18n';
import type { ProjectTimeliness, RiskReason } from './api';
import { useProjectText, type ProjectTextKey } from './text';

export const PROJECT_TIMELINESS_COLORS: Record<ProjectTimeliness, string> = {
  completed_on_time: 'green',
  completed_late: 'orange',
  in_progress: 'blue',
  overdue: 'red',
  no_deadline: 'default',
  not_contracted: 'default',
  stopped: 'default',
};

export const PROJECT_TIMELINESS_CHART_COLORS: Record<ProjectTimeliness, string> = {
  completed_on_time: '#389e0d',
  completed_late: '#fa8c16',
  in_progress: '#1677ff',
  overdue: '#cf1322',
  no_deadline: '#8c8c8c',
  not_contracted: '#bfbfbf',
  stopped: '#595959',
};

/** A month 'YYYY-MM' as '03/2026'. */
export function formatMonth(month: string | null | undefined): string {
  return month ? `${month.slice(5, 7)}/${month.slice(0, 4)}` : '—';
}

/** An amount in million đồng: '1.234,5'. */
export function useAmount(): (value: number | null | undefined) => string {
  const { language } = useLanguage();
  return (value) => formatNumber(value ?? null, language, 3);
}

export function ProjectStatusTag({ timeliness, overdueDays, risks = [] }: { timeliness: ProjectTimeliness | null; overdueDays?: number | null; risks?: RiskReason[] }) {
  const t = useProjectText();
  const { language } = useLanguage();
  if (!timeliness) return <span>—</span>;
  const label = timeliness === 'overdue' && overdueDays ? t('timeliness.overdueDays', { days: formatNumber(overdueDays, language, 0) }) : t(`timeliness.${timeliness}` as ProjectTextKey);
  return (
    <Space size={4} wrap>
      <Tag color={PROJECT_TIMELINESS_COLORS[timeliness]} data-testid="project-status" data-timeliness={timeliness}>
        {label}
      </Tag>
      {risks.map((risk) => (
        <Tooltip key={risk} title={t('card.attentionHint')}>
          <Tag color="gold" data-testid="project-risk" data-risk={risk}>
            {t(`risk.${risk}` as ProjectTextKey)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

const RATING_COLORS: Record<string, string> = { excellent: 'green', pass: 'blue', fail: 'red' };

export function RatingTag({ rating }: { rating: string | null }) {
  const t = useProjectText();
  if (!rating) return null;
  return (
    <Tag color={RATING_COLORS[rating] ?? 'default'} data-testid="project-rating" data-rating={rating}>
      {t(`rating.${rating}` as ProjectTextKey)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: string }) {
  const t = useProjectText();
  const colors: Record<string, string> = { national: 'magenta', ministry: 'purple', province: 'geekblue', grassroots: 'cyan' };
  return <Tag color={colors[level] ?? 'default'}>{t(`level.${level}` as ProjectTextKey)}</Tag>;
}
