/**
 * The timeliness statistics as cards; every count links to the task list filtered the same way.
 */
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TimelinessCounts, TimelinessFilter } from '../api/types';
import { formatNumber, formatRate } from '../format';
import { useLanguage, useT, type MessageKey } from '../i18n';

interface CardSpec {
  key: string;
  title: MessageKey;
  value: (stats: TimelinessCounts) => number | null;
  isRate?: boolean;
  filter?: TimelinessFilter | null;
  color?: string;
  note?: (stats: TimelinessCounts) => ReactNode;
}

const CARDS: CardSpec[] = [
  { key: 'total', title: 'stats.total', value: (s) => s.total, filter: null, color: '#0f2a4a' },
  { key: 'due', title: 'stats.due', value: (s) => s.due, filter: 'due', color: '#0f2a4a' },
  { key: 'completed-on-time', title: 'timeliness.completed_on_time', value: (s) => s.completedOnTime, filter: 'completed_on_time', color: '#389e0d' },
  { key: 'completed-late', title: 'timeliness.completed_late', value: (s) => s.completedLate, filter: 'completed_late', color: '#d46b08' },
  { key: 'in-progress', title: 'timeliness.in_progress', value: (s) => s.inProgress, filter: 'in_progress', color: '#1677ff' },
  { key: 'overdue', title: 'timeliness.overdue', value: (s) => s.overdue, filter: 'overdue', color: '#cf1322' },
  { key: 'due-soon', title: 'timeliness.due_soon', value: (s) => s.dueSoon, filter: 'due_soon', color: '#d48806' },
  { key: 'no-deadline', title: 'timeliness.no_deadline', value: (s) => s.noDeadline, filter: 'no_deadline', color: '#595959' },
];

const RATE_CARDS: CardSpec[] = [
  { key: 'completion-rate', title: 'stats.completionRate', value: (s) => s.completionRate, isRate: true, color: '#9e1b1b' },
  { key: 'on-time-rate', title: 'stats.onTimeRate', value: (s) => s.onTimeRate, isRate: true, color: '#9e1b1b' },
];

export interface StatisticsCardsProps {
  stats: TimelinessCounts;
  /** The task-list address for a timeliness filter (null: all tasks). */
  linkFor: (filter: TimelinessFilter | null) => string;
  /** Where the rate cards lead (the ranking), if anywhere. */
  rateLink?: string;
  loading?: boolean;
}

export function StatisticsCards({ stats, linkFor, rateLink, loading }: StatisticsCardsProps) {
  const t = useT();
  const { language } = useLanguage();
  const completed = stats.completedOnTime + stats.completedLate;
  const rateNotes: Record<string, string> = {
    'completion-rate': t('stats.rateNote', { count: formatNumber(completed, language, 0), due: formatNumber(stats.due, language, 0) }),
    'on-time-rate': t('stats.rateNote', {
      count: formatNumber(stats.completedOnTime, language, 0),
      due: formatNumber(stats.due, language, 0),
    }),
  };
  const renderCard = (card: CardSpec, span: { xs: number; sm: number; md: number; xl: number }) => {
    const value = card.value(stats);
    const text = card.isRate ? formatRate(value, language) : formatNumber(value, language, 0);
    const link = card.isRate ? rateLink : linkFor(card.filter ?? null);
    const body = (
      <Card size="small" hoverable={Boolean(link)} style={{ height: '100%', borderTop: `3px solid ${card.color}` }} loading={loading}>
        <Statistic
          title={t(card.title)}
          value={text}
          formatter={() => text}
          styles={{ content: { color: card.color, fontWeight: 600 } }}
          data-testid={`stat-${card.key}-value`}
        />
        {card.isRate ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {rateNotes[card.key]}
          </Typography.Text>
        ) : null}
      </Card>
    );
    return (
      <Col key={card.key} {...span} data-testid={`stat-${card.key}`}>
        {link ? (
          <Link to={link} style={{ display: 'block', height: '100%' }} aria-label={`${t(card.title)}: ${text}`}>
            {body}
          </Link>
        ) : (
          body
        )}
      </Col>
    );
  };
  return (
    <Row gutter={[12, 12]} data-testid="statistics-cards">
      {CARDS.map((card) => renderCard(card, { xs: 12, sm: 12, md: 6, xl: 6 }))}
      {RATE_CARDS.map((card) => renderCard(card, { xs: 24, sm: 12, md: 12, xl: 12 }))}
    </Row>
  );
}
