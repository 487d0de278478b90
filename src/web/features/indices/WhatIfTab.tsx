/**
 * What-if: the organization's indicator values, editable; "Tính lại" recomputes every peer's
 * scores and ranks with the changed values (nothing is saved) and shows the new score and rank.
 * Below, the best levers: per indicator, the smallest improvement that gains a rank, by relative
 * effort; each can be simulated in one click.
 */
import { ArrowRightOutlined, CalculatorOutlined, RollbackOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, InputNumber, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useIndexLevers, useIndexValues, useIndexWhatIf } from '../../api/indices';
import type { IndexDetail, IndexLever, IndexNode, IndexValueItem, IndexWhatIfResult } from '../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { EMPTY_VALUE, formatNumber, formatRate } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { numberInputFormat } from '../indicators/values';
import { changeColor, formatRank, formatRankChange, formatScore, formatScoreChange, levelLabel } from './format';

/** Raw indicator values: up to four decimals (lever targets are multiples of 10⁻⁴ of the range). */
const VALUE_DECIMALS = 4;

function RankChange({ change, testId }: { change: number | null | undefined; testId?: string }) {
  const { language } = useLanguage();
  return (
    <Typography.Text strong style={{ color: changeColor(change) }} data-testid={testId} data-change={change ?? ''}>
      {formatRankChange(change, language)}
    </Typography.Text>
  );
}

export interface WhatIfTabProps {
  detail: IndexDetail;
  year: number;
  org: string;
  /** Ranked peers, for "15/34". */
  ranked: number;
}

export function WhatIfTab({ detail, year, org, ranked }: WhatIfTabProps) {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const values = useIndexValues(detail.code, { year, org });
  const levers = useIndexLevers(detail.code, { year, org });
  const whatIf = useIndexWhatIf(detail.code);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ result: IndexWhatIfResult; signature: string } | null>(null);
  const { formatter, parser } = useMemo(() => numberInputFormat(language), [language]);
  const nodesByCode = useMemo(() => new Map(detail.nodes.map((node) => [node.code, node])), [detail.nodes]);
  const items = useMemo(() => values.data?.items ?? [], [values.data]);

  /** The changes to send: edited values that differ from the current ones (an emptied input keeps the value). */
  const changes = useMemo(() => {
    const result: Record<string, number> = {};
    for (const item of items) {
      const text = edits[item.code];
      if (text === undefined || text === '') continue;
      const value = Number(text);
      if (Number.isFinite(value) && value !== item.value) result[item.code] = value;
    }
    return result;
  }, [items, edits]);
  const changeCount = Object.keys(changes).length;
  const signature = JSON.stringify(changes);

  const run = async (override?: Record<string, number>) => {
    const toSend = override ?? changes;
    try {
      const result = await whatIf.mutateAsync({ year, org, changes: toSend });
      setOutcome({ result, signature: JSON.stringify(toSend) });
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const applyLever = (lever: IndexLever) => {
    // The lever's promise holds for that change alone: the other edits are set aside.
    setEdits({ [lever.code]: String(lever.target) });
    void run({ [lever.code]: lever.target });
  };

  if (values.isLoading) return <LoadingState rows={8} />;
  if (values.isError && !values.data) return <ErrorState error={values.error} onRetry={() => void values.refetch()} />;
  if (items.length === 0) return <EmptyState description={t('indices.noIndicators')} />;

  const result = outcome?.result;
  const isStale = Boolean(outcome && outcome.signature !== signature);
  const summaryNodes = detail.nodes.filter((node) => node.level === 'sub_index' || node.level === 'pillar');
  const parentName = (node: IndexNode) => (node.parentCode ? nodesByCode.get(node.parentCode)?.name ?? node.parentCode : EMPTY_VALUE);
  const valueText = (value: number | null | undefined) => formatNumber(value, language, VALUE_DECIMALS);

  return (
    <Flex vertical gap={12} data-testid="whatif-panel">
      <Alert type="info" showIcon title={t('indices.whatIfHint', { org: values.data?.orgName ?? org, year: String(year) })} />

      <Card size="small" title={t('indices.whatIfResult')} data-testid="whatif-result">
        <Row gutter={[16, 12]} align="middle">
          <Col xs={12} md={6}>
            <Statistic
              title={t('indices.currentScore')}
              value={formatScore(result?.before.score ?? levers.data?.score, language)}
              suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{formatRank(result?.before.rank ?? levers.data?.rank, ranked, language)}</Typography.Text>}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('indices.simulatedScore')}
              value={result ? formatScore(result.score, language) : EMPTY_VALUE}
              styles={{ content: { color: result ? changeColor((result.score ?? 0) - (result.before.score ?? 0)) : undefined } }}
              suffix={
                result ? (
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                    ({formatScoreChange(result.score !== null && result.before.score !== null ? result.score - result.before.score : null, language)})
                  </Typography.Text>
                ) : null
              }
            />
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('indices.simulatedRank')}</Typography.Text>
            <div style={{ fontSize: 24, lineHeight: 1.4 }} data-testid="whatif-rank" data-rank={result?.rank ?? ''}>
              {result ? (
                <>
                  <Typography.Text type="secondary" style={{ fontSize: 18 }}>
                    {formatRank(result.before.rank, null, language)}
                  </Typography.Text>{' '}
                  <ArrowRightOutlined style={{ fontSize: 14, color: '#8c8c8c' }} /> <strong>{formatRank(result.rank, ranked, language)}</strong>
                </>
              ) : (
                EMPTY_VALUE
              )}
            </div>
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('indices.rankChange')}</Typography.Text>
            <div style={{ fontSize: 20, lineHeight: 1.6 }}>{result ? <RankChange change={result.rankChange} testId="whatif-rank-change" /> : EMPTY_VALUE}</div>
          </Col>
        </Row>
        {isStale ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('indices.whatIfStale')} data-testid="whatif-stale" /> : null}
        {result && summaryNodes.length > 0 ? (
          <Table<IndexNode>
            style={{ marginTop: 12 }}
            data-testid="whatif-node-table"
            size="small"
            rowKey="code"
            dataSource={summaryNodes}
            pagination={false}
            scroll={{ x: 720 }}
            columns={[
              {
                title: t('indices.node'),
                dataIndex: 'name',
                render: (name: string, node) => (
                  <span style={{ paddingInlineStart: node.level === 'pillar' ? 16 : 0, fontWeight: node.level === 'sub_index' ? 600 : undefined }}>{name}</span>
                ),
              },
              { title: t('indices.level'), dataIndex: 'level', width: 150, render: (_value, node) => levelLabel(node.level, language) },
              {
                title: t('indices.score'),
                key: 'score',
                width: 190,
                align: 'right',
                render: (_value, node) => {
                  const before = result.before.nodes[node.code]?.score ?? null;
                  const after = result.after.nodes[node.code]?.score ?? null;
                  return (
                    <span>
                      {formatScore(before, language)} → <strong>{formatScore(after, language)}</strong>
                    </span>
                  );
                },
              },
              {
                title: t('indices.rank'),
                key: 'rank',
                width: 130,
                align: 'right',
                render: (_value, node) => `${formatRank(result.before.nodes[node.code]?.rank, null, language)} → ${formatRank(result.after.nodes[node.code]?.rank, null, language)}`,
              },
              {
                title: t('indices.rankChange'),
                key: 'change',
                width: 130,
                align: 'right',
                render: (_value, node) => {
                  const before = result.before.nodes[node.code]?.rank;
                  const after = result.after.nodes[node.code]?.rank;
                  return before !== null && before !== undefined && after !== null && after !== undefined ? <RankChange change={before - after} /> : EMPTY_VALUE;
                },
              },
            ]}
          />
        ) : null}
      </Card>

      <Card
        size="small"
        title={t('indices.whatIfValues', { org: values.data?.orgName ?? org, year: String(year) })}
        extra={
          <Flex gap={8}>
            <Button icon={<RollbackOutlined />} onClick={() => setEdits({})} disabled={Object.keys(edits).length === 0} data-testid="whatif-reset">
              {t('indices.whatIfReset')}
            </Button>
            <Tooltip title={changeCount === 0 ? t('indices.whatIfNoChange') : undefined}>
              <Button
                type="primary"
                icon={<CalculatorOutlined />}
                onClick={() => void run()}
                loading={whatIf.isPending}
                disabled={changeCount === 0}
                data-testid="whatif-run"
              >
                {changeCount > 0 ? t('indices.whatIfRunCount', { count: formatNumber(changeCount, language, 0) }) : t('indices.whatIfRun')}
              </Button>
            </Tooltip>
          </Flex>
        }
      >
        <Table<IndexValueItem>
          data-testid="whatif-table"
          size="small"
          rowKey="code"
          dataSource={items}
          pagination={items.length > 60 ? { pageSize: 60, showSizeChanger: false } : false}
          scroll={{ x: 940 }}
          onRow={(row) => ({ 'data-testid': `whatif-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('indices.code'), dataIndex: 'code', width: 80, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
            {
              title: t('indices.indicator'),
              dataIndex: 'name',
              render: (name: string, item) => (
                <div>
                  <div>
                    {name}
                    {item.weight !== 1 ? (
                      <Tag style={{ marginInlineStart: 6 }}>{t('indices.weightTag', { weight: formatNumber(item.weight, language, 2) })}</Tag>
                    ) : null}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {parentName(item)}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('indices.direction'),
              dataIndex: 'direction',
              width: 80,
              render: (_value, item) => (
                <Tag color={item.direction === 'lower' ? 'orange' : 'default'}>{t(`indices.direction.${item.direction}`)}</Tag>
              ),
            },
            {
              title: t('indices.currentValue'),
              dataIndex: 'value',
              width: 120,
              align: 'right',
              render: (value: number | null, item) => (
                <div>
                  {valueText(value)}
                  {item.source === 'indicator' ? (
                    <div>
                      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                        {t('indices.fromIndicator')}
                      </Tag>
                    </div>
                  ) : null}
                </div>
              ),
            },
            {
              title: t('indices.simulatedValue'),
              key: 'edit',
              width: 150,
              render: (_value, item) => {
                const text = edits[item.code];
                const changed = item.code in changes;
                return (
                  <InputNumber<string>
                    stringMode
                    value={text === undefined ? (item.value === null ? null : String(item.value)) : text === '' ? null : text}
                    onChange={(value) => setEdits((current) => ({ ...current, [item.code]: value ?? '' }))}
                    formatter={formatter}
                    parser={parser}
                    controls={false}
                    placeholder={item.value === null ? t('indices.noValue') : valueText(item.value)}
                    status={changed ? 'warning' : undefined}
                    style={{ width: '100%', fontWeight: changed ? 600 : undefined }}
                    aria-label={item.name}
                    onPressEnter={() => (changeCount > 0 ? void run() : undefined)}
                    data-testid={`whatif-input-${item.code}`}
                  />
                );
              },
            },
            {
              title: t('indices.peerRange'),
              key: 'range',
              width: 150,
              align: 'right',
              render: (_value, item) => (item.min === null ? EMPTY_VALUE : `${valueText(item.min)} – ${valueText(item.max)}`),
            },
            {
              title: t('indices.bestValue'),
              dataIndex: 'best',
              width: 100,
              align: 'right',
              render: (best: number | null, item) =>
                best === null ? (
                  EMPTY_VALUE
                ) : best === item.value ? (
                  <Typography.Text type="success">{valueText(best)}</Typography.Text>
                ) : (
                  <Tooltip title={t('indices.useBest')}>
                    <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setEdits((current) => ({ ...current, [item.code]: String(best) }))} data-testid={`whatif-best-${item.code}`}>
                      {valueText(best)}
                    </Button>
                  </Tooltip>
                ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            <ThunderboltOutlined style={{ color: '#d4a017' }} />
            {t('indices.levers')}
          </Flex>
        }
        data-testid="levers-card"
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('indices.leversHint')}
        </Typography.Paragraph>
        {levers.isError && !levers.data ? (
          <ErrorState error={levers.error} onRetry={() => void levers.refetch()} />
        ) : (
          <Table<IndexLever>
            data-testid="levers-table"
            size="small"
            rowKey="code"
            loading={levers.isLoading}
            dataSource={levers.data?.levers ?? []}
            pagination={(levers.data?.levers.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
            locale={{
              emptyText: levers.isLoading ? ' ' : <EmptyState description={levers.data?.rank === 1 ? t('indices.leversFirst') : t('indices.leversNone')} />,
            }}
            onRow={(row) => ({ 'data-testid': `lever-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('indices.indicator'),
                dataIndex: 'name',
                render: (name: string, lever) => (
                  <div>
                    <Typography.Text code>{lever.code}</Typography.Text> {name}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {lever.parentCode ? nodesByCode.get(lever.parentCode)?.name ?? lever.parentCode : ''}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              { title: t('indices.currentValue'), dataIndex: 'value', width: 100, align: 'right', render: (value: number) => valueText(value) },
              {
                title: t('indices.targetValue'),
                dataIndex: 'target',
                width: 110,
                align: 'right',
                render: (value: number) => <Typography.Text strong>{valueText(value)}</Typography.Text>,
              },
              {
                title: t('indices.improvement'),
                dataIndex: 'improvement',
                width: 100,
                align: 'right',
                render: (value: number, lever) => `${lever.direction === 'lower' ? '−' : '+'}${valueText(value)}`,
              },
              {
                title: (
                  <Tooltip title={t('indices.relativeEffortHint')}>
                    <span>{t('indices.relativeEffort')}</span>
                  </Tooltip>
                ),
                dataIndex: 'relativeEffort',
                width: 100,
                align: 'right',
                render: (value: number) => formatRate(value, language),
              },
              {
                title: t('indices.newRank'),
                key: 'newRank',
                width: 140,
                align: 'right',
                render: (_value, lever) => (
                  <span>
                    {formatNumber(lever.rank, language, 0)} → <strong>{formatNumber(lever.newRank, language, 0)}</strong>{' '}
                    <Typography.Text style={{ color: changeColor(lever.rank - lever.newRank), fontSize: 12 }}>
                      ({formatRankChange(lever.rank - lever.newRank, language)})
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: '',
                key: 'apply',
                width: 110,
                align: 'right',
                render: (_value, lever) => (
                  <Tooltip title={t('indices.applyLeverHint')}>
                    <Button size="small" icon={<CalculatorOutlined />} onClick={() => applyLever(lever)} data-testid={`lever-apply-${lever.code}`}>
                      {t('indices.applyLever')}
                    </Button>
                  </Tooltip>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
