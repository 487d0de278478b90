/**
 * The indicator cards of the overview and the scorecards: value, target, progress bar in the
 * status colour, and a sparkline of the last periods. While the server computes them, a skeleton.
 */
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Typography } from 'antd';
import { Suspense } from 'react';
import { Link } from 'react-router';
import type { IndicatorCard, IndicatorCards } from '../../api/overview';
import type { IndicatorStatus } from '../../api/types';
import { formatRate } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndicatorStatusTag } from '../indicators/IndicatorTags';
import { formatIndicatorValue, formatTarget, INDICATOR_STATUS_CHART_COLORS } from '../indicators/values';
import { Sparkline } from './lazy-charts';

function indicatorLink(card: IndicatorCard, org: string, asOf: string): string {
  return `/indicators/${encodeURIComponent(card.code)}?${new URLSearchParams({ org, asOf, period: card.period })}`;
}

function IndicatorCardView({ card, org, asOf }: { card: IndicatorCard; org: string; asOf: string }) {
  const t = useT();
  const { language } = useLanguage();
  const color = INDICATOR_STATUS_CHART_COLORS[card.status as IndicatorStatus] ?? INDICATOR_STATUS_CHART_COLORS.no_data;
  const format = (value: number | null) => formatIndicatorValue(value, card.valueType, language);
  const percent = card.progress === null ? null : Math.round(Math.max(0, Math.min(1, card.progress)) * 1000) / 10;
  return (
    <Link to={indicatorLink(card, org, asOf)} style={{ display: 'block', height: '100%' }} data-testid={`indicator-card-${card.code}`}>
      <Card size="small" hoverable style={{ height: '100%', borderTop: `3px solid ${color}` }}>
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: card.name }} style={{ minHeight: 44, marginBottom: 4, fontWeight: 500 }}>
          {card.name}
        </Typography.Paragraph>
        <Flex align="baseline" gap={6} wrap>
          <Typography.Text style={{ fontSize: 22, fontWeight: 600, color }} data-testid="indicator-card-value">
            {format(card.value)}
          </Typography.Text>
          {card.valueType !== 'percent' && card.unit ? <Typography.Text type="secondary">{card.unit}</Typography.Text> : null}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {t('overview.target')}: {formatTarget(card.target, card.comparator, card.valueType, language)} · {t('overview.period')} {card.series.at(-1)?.label ?? card.period}
        </Typography.Text>
        {percent === null ? (
          <div style={{ height: 22 }} />
        ) : (
          <Progress percent={percent} format={() => formatRate(card.progress, language)} size="small" strokeColor={color} style={{ margin: '4px 0' }} />
        )}
        <Flex justify="space-between" align="center" gap={8}>
          <IndicatorStatusTag status={card.status} rollup={card} />
        </Flex>
        {card.series.length > 1 ? (
          <Suspense fallback={<div style={{ height: 44 }} />}>
            <Sparkline values={card.series.map((point) => point.value)} labels={card.series.map((point) => point.label)} color={color} format={format} />
          </Suspense>
        ) : null}
      </Card>
    </Link>
  );
}

export function IndicatorCardsGrid({ cards, org, asOf }: { cards: IndicatorCards; org: string; asOf: string }) {
  const t = useT();
  if (cards.status === 'pending') {
    return (
      <div data-testid="indicator-cards-pending">
        <Typography.Text type="secondary">{t('overview.indicatorsPending')}</Typography.Text>
        <Skeleton active paragraph={{ rows: 4 }} />
      </div>
    );
  }
  if (cards.status === 'error') return <Alert type="warning" showIcon title={t('overview.indicatorsError')} />;
  if (cards.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />;
  return (
    <Row gutter={[12, 12]} data-testid="indicator-cards">
      {cards.items.map((card) => (
        <Col key={card.code} xs={24} sm={12} lg={8} xxl={6}>
          <IndicatorCardView card={card} org={org} asOf={asOf} />
        </Col>
      ))}
    </Row>
  );
}

/** "50 chỉ tiêu: 12 đạt, …" for the card's header. */
export function IndicatorSummary({ cards }: { cards: IndicatorCards }) {
  const t = useT();
  if (cards.status === 'pending' || cards.status === 'error') return null;
  const count = (status: IndicatorStatus) => cards.byStatus[status] ?? 0;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="indicator-summary">
      {t('overview.indicatorsSummary', {
        total: cards.total,
        achieved: count('achieved'),
        onTrack: count('on_track'),
        atRisk: count('at_risk'),
        offTrack: count('off_track'),
        noData: count('no_data'),
      })}
      {cards.status === 'stale' ? ` · ${t('overview.indicatorsStale')}` : ''}
    </Typography.Text>
  );
}
