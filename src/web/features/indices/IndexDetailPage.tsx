/**
 * One composite index for a year: the peers' ranking, the organization's (the province by default)
 * scores and ranks at every node, its strengths and weaknesses, change since last year, efficiency
 * ratio, a radar of pillars against the best and the median peer, a bar chart of ranks; and the
 * what-if tab with the best levers. Year, organization and tab live in the address bar.
 */
import { ArrowLeftOutlined, FallOutlined, RiseOutlined, SettingOutlined, TrophyFilled, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Spin, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useIndex, useIndexResults, useIndexValues, useIndices } from '../../api/indices';
import type { IndexComparison, IndexDetail, IndexNode, IndexResults } from '../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { EMPTY_VALUE, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndexImportModal } from './IndexImportModal';
import { IndexSettingsModal } from './IndexSettingsModal';
import { canManageIndices, changeColor, chartNodes, formatRank, formatRankChange, formatScore, formatScoreChange, levelLabel } from './format';
import { WhatIfTab } from './WhatIfTab';

const PillarRadar = lazy(() => import('./IndexCharts').then((module) => ({ default: module.PillarRadar })));
const RankBars = lazy(() => import('./IndexCharts').then((module) => ({ default: module.RankBars })));

type DetailTab = 'results' | 'whatif';
const TABS: DetailTab[] = ['results', 'whatif'];
const MEDAL_COLORS = ['#d4a017', '#8c8c8c', '#b0683a'];
const OWN_ROW_BACKGROUND = '#fff7e6';

function ChartFallback() {
  return <Spin style={{ display: 'block', margin: '96px auto' }} />;
}

type ResultRow = IndexResults['results'][number];

interface TreeRow extends IndexNode {
  children?: TreeRow[];
}

/** The framework as a tree, in the order of the framework table. */
function buildTree(nodes: IndexNode[]): TreeRow[] {
  const byParent = new Map<string | null, IndexNode[]>();
  for (const node of nodes) {
    const list = byParent.get(node.parentCode) ?? [];
    list.push(node);
    byParent.set(node.parentCode, list);
  }
  const build = (parent: string | null): TreeRow[] =>
    (byParent.get(parent) ?? []).map((node) => {
      const children = build(node.code);
      return children.length > 0 ? { ...node, children } : { ...node };
    });
  return build(null);
}

/** The rank of a peer with a medal for the first three. */
function RankCell({ rank }: { rank: number | null }) {
  const { language } = useLanguage();
  if (rank === null || rank === undefined) return <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;
  return (
    <Flex align="center" justify="center" gap={4} data-testid="rank">
      {rank <= 3 ? <TrophyFilled style={{ color: MEDAL_COLORS[rank - 1] }} /> : null}
      <Typography.Text strong>{formatNumber(rank, language, 0)}</Typography.Text>
    </Flex>
  );
}

function RankChangeText({ change, testId }: { change: number | null | undefined; testId?: string }) {
  const { language } = useLanguage();
  if (change === null || change === undefined) return <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;
  return (
    <Typography.Text style={{ color: changeColor(change) }} data-testid={testId} data-change={change}>
      {formatRankChange(change, language)}
    </Typography.Text>
  );
}

function ComparisonList({ items, kind, overall }: { items: IndexComparison[]; kind: 'strengths' | 'weaknesses'; overall: number | null }) {
  const t = useT();
  const { language } = useLanguage();
  if (items.length === 0) return <EmptyState description={t(kind === 'strengths' ? 'indices.noStrengths' : 'indices.noWeaknesses')} />;
  return (
    <Table<IndexComparison>
      size="small"
      rowKey="code"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      onRow={(row) => ({ 'data-testid': `${kind === 'strengths' ? 'strength' : 'weakness'}-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('indices.node'),
          dataIndex: 'name',
          render: (name: string, item) => (
            <div>
              {name}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {levelLabel(item.level, language)} · <Typography.Text code style={{ fontSize: 11 }}>{item.code}</Typography.Text>
                </Typography.Text>
              </div>
            </div>
          ),
        },
        { title: t('indices.score'), dataIndex: 'score', width: 80, align: 'right', render: (value: number | null) => formatScore(value, language) },
        { title: t('indices.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (value: number) => formatNumber(value, language, 0) },
        {
          title: (
            <Tooltip title={t('indices.differenceHint', { rank: formatNumber(overall, language, 0) })}>
              <span>{t('indices.difference')}</span>
            </Tooltip>
          ),
          dataIndex: 'difference',
          width: 110,
          align: 'right',
          render: (value: number) => <Typography.Text style={{ color: changeColor(value) }}>{formatRankChange(value, language)}</Typography.Text>,
        },
      ]}
    />
  );
}

function ResultsTab({ detail, results, org, onSelectOrg }: { detail: IndexDetail; results: IndexResults; org: string | null; onSelectOrg: (org: string) => void }) {
  const t = useT();
  const { language } = useLanguage();
  const values = useIndexValues(detail.code, { year: results.year, org: org ?? undefined });
  const own = org ? results.results.find((row) => row.org === org) : undefined;
  const ranked = results.results.filter((row) => row.rank !== null).length;
  const efficiency = results.efficiency;
  const ownEfficiency = org && efficiency ? efficiency.results.find((row) => row.org === org) : undefined;
  const efficiencyRanked = efficiency ? efficiency.results.filter((row) => row.rank !== null).length : 0;
  const efficiencyByOrg = useMemo(() => new Map((efficiency?.results ?? []).map((row) => [row.org, row])), [efficiency]);
  const tree = useMemo(() => buildTree(detail.nodes), [detail.nodes]);
  const changeByNode = useMemo(() => new Map((results.change?.nodes ?? []).map((node) => [node.code, node])), [results.change]);
  const valueByNode = useMemo(() => new Map((values.data?.items ?? []).map((item) => [item.code, item])), [values.data]);
  const radarNodes = useMemo(() => chartNodes(detail.nodes), [detail.nodes]);
  const rankNodes = useMemo(() => {
    const subIndices = detail.nodes.filter((node) => node.level === 'sub_index');
    const chosen = new Set([...subIndices, ...radarNodes].map((node) => node.code));
    return detail.nodes.filter((node) => chosen.has(node.code));
  }, [detail.nodes, radarNodes]);
  const ownScores = useMemo(() => Object.fromEntries(Object.entries(own?.nodes ?? {}).map(([code, node]) => [code, node.score])), [own]);
  const ownRanks = useMemo(() => Object.fromEntries(Object.entries(own?.nodes ?? {}).map(([code, node]) => [code, node.rank])), [own]);
  const isPoints = results.method === 'points';
  const maxOf = useCallback((code: string) => (isPoints ? results.maxPoints?.[code] ?? 1 : 100), [isPoints, results.maxPoints]);
  const peerColumn = t(`indices.peerColumn.${results.peerKind}`);
  const linkedForOrg = org ? results.linkedValues.filter((item) => item.org === org) : [];
  const nodeName = (code: string) => detail.nodes.find((node) => node.code === code)?.name ?? code;

  if (results.results.length === 0) {
    return <EmptyState description={t('indices.noResults', { year: String(results.year) })} />;
  }

  const rankTone = (rank: number | null | undefined) => {
    if (rank === null || rank === undefined || !own?.rank) return undefined;
    if (own.rank - rank >= results.threshold) return 'success' as const;
    if (rank - own.rank >= results.threshold) return 'danger' as const;
    return undefined;
  };

  return (
    <Flex vertical gap={12}>
      {!org ? <Alert type="info" showIcon title={t('indices.chooseOrgHint', { peers: peerColumn.toLocaleLowerCase('vi') })} data-testid="index-choose-org" /> : null}
      {org && !own ? <Alert type="warning" showIcon title={t('indices.orgNoData', { year: String(results.year) })} /> : null}

      {own ? (
        <Card size="small" data-testid="index-summary">
          <Row gutter={[16, 12]}>
            <Col xs={12} md={6}>
              <div data-testid="index-score">
                <Statistic
                  title={t('indices.scoreOf', { org: own.orgName })}
                  value={formatScore(own.score, language)}
                  suffix={isPoints ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('indices.pointsScale')}</Typography.Text> : null}
                />
              </div>
            </Col>
            <Col xs={12} md={6}>
              <Typography.Text type="secondary">{t('indices.rank')}</Typography.Text>
              <div style={{ fontSize: 24, lineHeight: 1.4 }} data-testid="index-own-rank" data-rank={own.rank ?? ''}>
                {formatRank(own.rank, ranked, language)}
              </div>
            </Col>
            <Col xs={12} md={6}>
              <Typography.Text type="secondary">{t('indices.changeSince', { year: String(results.year - 1) })}</Typography.Text>
              <div style={{ fontSize: 18, lineHeight: 1.6 }} data-testid="index-change">
                {results.change ? (
                  <>
                    <RankChangeText change={results.change.rankChange} />
                    <Typography.Text type="secondary" style={{ fontSize: 13, marginInlineStart: 8 }}>
                      {t('indices.scoreChange', { change: formatScoreChange(results.change.scoreChange, language) })}
                    </Typography.Text>
                  </>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                    {t('indices.noPreviousYear')}
                  </Typography.Text>
                )}
              </div>
            </Col>
            {efficiency ? (
              <Col xs={12} md={6}>
                <Tooltip title={t('indices.efficiencyHint', { output: nodeName(efficiency.outputCode), input: nodeName(efficiency.inputCode) })}>
                  <Typography.Text type="secondary">{t('indices.efficiency')}</Typography.Text>
                </Tooltip>
                <div style={{ fontSize: 24, lineHeight: 1.4 }} data-testid="index-efficiency">
                  {formatScore(ownEfficiency?.ratio, language)}
                  <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 8 }}>
                    {ownEfficiency?.rank ? t('indices.rankShort', { rank: formatRank(ownEfficiency.rank, efficiencyRanked, language) }) : null}
                  </Typography.Text>
                </div>
              </Col>
            ) : null}
          </Row>
        </Card>
      ) : null}

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('indices.rankingTitle', { year: String(results.year) })} style={{ height: '100%' }}>
            <Table<ResultRow>
              data-testid="index-ranking-table"
              size="small"
              rowKey="org"
              dataSource={results.results}
              pagination={results.results.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              onRow={(row) =>
                ({
                  'data-testid': `index-rank-${row.org}`,
                  'data-rank': row.rank ?? '',
                  style: { cursor: 'pointer', background: row.org === org ? OWN_ROW_BACKGROUND : undefined, fontWeight: row.org === org ? 600 : undefined },
                  onClick: () => onSelectOrg(row.org),
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                { title: t('indices.rank'), dataIndex: 'rank', width: 60, align: 'center', render: (rank: number | null) => <RankCell rank={rank} /> },
                { title: peerColumn, dataIndex: 'orgName', render: (name: string) => name },
                {
                  title: t('indices.score'),
                  dataIndex: 'score',
                  width: 72,
                  align: 'right',
                  render: (value: number | null) => <span data-testid="score">{formatScore(value, language)}</span>,
                },
                ...(efficiency
                  ? [
                      {
                        title: t('indices.efficiencyShort'),
                        key: 'efficiency',
                        width: 76,
                        align: 'right' as const,
                        render: (_value: unknown, row: ResultRow) => formatScore(efficiencyByOrg.get(row.org)?.ratio, language),
                      },
                    ]
                  : []),
                {
                  title: t('indices.changeColumn'),
                  key: 'change',
                  width: 104,
                  align: 'right',
                  render: (_value, row) => (
                    <Tooltip
                      title={
                        row.previousRank !== null
                          ? t('indices.previousYearTip', {
                              year: String(results.year - 1),
                              rank: formatNumber(row.previousRank, language, 0),
                              score: formatScore(row.previousScore, language),
                            })
                          : t('indices.noPreviousYear')
                      }
                    >
                      <span>
                        <RankChangeText change={row.previousRank !== null && row.rank !== null ? row.previousRank - row.rank : null} />
                      </span>
                    </Tooltip>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('indices.radarTitle')} style={{ height: '100%' }}>
            {own && radarNodes.length >= 3 ? (
              <Suspense fallback={<ChartFallback />}>
                <PillarRadar nodes={radarNodes} orgName={own.orgName} scores={ownScores} benchmarks={results.benchmarks} maxOf={maxOf} />
              </Suspense>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={own ? t('indices.radarTooFew') : t('indices.chooseOrgShort')} />
            )}
          </Card>
        </Col>
      </Row>

      {own ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title={t('indices.rankChartTitle')}
              extra={<Typography.Text type="secondary">{t('indices.overallRankLine', { rank: formatNumber(own.rank, language, 0) })}</Typography.Text>}
              style={{ height: '100%' }}
            >
              <Suspense fallback={<ChartFallback />}>
                <RankBars nodes={rankNodes} ranks={ownRanks} overall={own.rank} peers={ranked} threshold={results.threshold} />
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Flex vertical gap={12}>
              <Card
                size="small"
                title={
                  <Flex gap={8} align="center">
                    <RiseOutlined style={{ color: '#389e0d' }} />
                    {t('indices.strengths')}
                  </Flex>
                }
                extra={<Typography.Text type="secondary">{t('indices.thresholdNote', { count: formatNumber(results.threshold, language, 0) })}</Typography.Text>}
                data-testid="index-strengths"
              >
                <ComparisonList items={results.strengths} kind="strengths" overall={own.rank} />
              </Card>
              <Card
                size="small"
                title={
                  <Flex gap={8} align="center">
                    <FallOutlined style={{ color: '#cf1322' }} />
                    {t('indices.weaknesses')}
                  </Flex>
                }
                extra={<Typography.Text type="secondary">{t('indices.thresholdNote', { count: formatNumber(results.threshold, language, 0) })}</Typography.Text>}
                data-testid="index-weaknesses"
              >
                <ComparisonList items={results.weaknesses} kind="weaknesses" overall={own.rank} />
              </Card>
            </Flex>
          </Col>
        </Row>
      ) : null}

      <Card size="small" title={own ? t('indices.nodeTableTitle', { org: own.orgName }) : t('indices.frameworkTitle')}>
        <Table<TreeRow>
          data-testid="node-table"
          size="small"
          rowKey="code"
          dataSource={tree}
          pagination={false}
          expandable={{ defaultExpandAllRows: true, indentSize: 18 }}
          scroll={{ x: 900 }}
          onRow={(row) => ({ 'data-testid': `node-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('indices.node'),
              dataIndex: 'name',
              render: (name: string, node) => (
                <span style={{ fontWeight: node.level === 'indicator' ? undefined : 600 }}>
                  <Typography.Text code style={{ fontSize: 11 }}>
                    {node.code}
                  </Typography.Text>{' '}
                  {name}
                  {node.level === 'indicator' && node.direction === 'lower' ? (
                    <Tag color="orange" style={{ marginInlineStart: 6 }}>
                      {t('indices.direction.lower')}
                    </Tag>
                  ) : null}
                  {node.level === 'indicator' && !isPoints && node.weight !== 1 ? (
                    <Tag style={{ marginInlineStart: 6 }}>{t('indices.weightTag', { weight: formatNumber(node.weight, language, 2) })}</Tag>
                  ) : null}
                </span>
              ),
            },
            { title: t('indices.level'), dataIndex: 'level', width: 130, render: (_value, node) => levelLabel(node.level, language) },
            ...(own
              ? [
                  {
                    title: t('indices.value'),
                    key: 'value',
                    width: 90,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => (node.level === 'indicator' ? formatNumber(valueByNode.get(node.code)?.value, language, 4) : ''),
                  },
                  {
                    title: isPoints ? t('indices.points') : t('indices.score'),
                    key: 'score',
                    width: 100,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => {
                      const score = own.nodes[node.code]?.score ?? null;
                      const max = isPoints ? results.maxPoints?.[node.code] : undefined;
                      return (
                        <span data-testid="node-score">
                          <strong>{formatScore(score, language)}</strong>
                          {max !== undefined && node.level !== 'index' ? <Typography.Text type="secondary">{` / ${formatNumber(max, language, 2)}`}</Typography.Text> : null}
                        </span>
                      );
                    },
                  },
                  {
                    title: t('indices.rank'),
                    key: 'rank',
                    width: 64,
                    align: 'center' as const,
                    render: (_value: unknown, node: TreeRow) => {
                      const rank = own.nodes[node.code]?.rank ?? null;
                      return (
                        <Typography.Text type={rankTone(rank)} strong={Boolean(rankTone(rank))} data-testid="node-rank">
                          {formatNumber(rank, language, 0)}
                        </Typography.Text>
                      );
                    },
                  },
                  {
                    title: t('indices.best'),
                    key: 'best',
                    width: 84,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => formatScore(results.benchmarks[node.code]?.best, language),
                  },
                  {
                    title: t('indices.median'),
                    key: 'median',
                    width: 84,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => formatScore(results.benchmarks[node.code]?.median, language),
                  },
                  {
                    title: t('indices.changeColumn'),
                    key: 'change',
                    width: 104,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => <RankChangeText change={changeByNode.get(node.code)?.rankChange} />,
                  },
                ]
              : [
                  {
                    title: isPoints ? t('indices.maxPoints') : t('indices.weight'),
                    key: 'weight',
                    width: 120,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) =>
                      isPoints ? formatNumber(node.maxPoints ?? results.maxPoints?.[node.code], language, 2) : formatNumber(node.weight, language, 2),
                  },
                  {
                    title: t('indices.best'),
                    key: 'best',
                    width: 84,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => formatScore(results.benchmarks[node.code]?.best, language),
                  },
                  {
                    title: t('indices.median'),
                    key: 'median',
                    width: 84,
                    align: 'right' as const,
                    render: (_value: unknown, node: TreeRow) => formatScore(results.benchmarks[node.code]?.median, language),
                  },
                ]),
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {isPoints ? t('indices.methodNote.points') : t('indices.methodNote.minmax')}
        </Typography.Paragraph>
      </Card>

      {results.outliers.length > 0 || linkedForOrg.length > 0 ? (
        <Card size="small" title={t('indices.notes')} data-testid="index-notes">
          {results.outliers.length > 0 ? (
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {t('indices.outliersApplied')}{' '}
              {results.outliers.map((item) => (
                <Tag key={item.code}>
                  {item.code}: {item.kind === 'log' ? t('indices.outlierLog') : t('indices.outlierWinsorised', { count: formatNumber(item.replaced, language, 0) })}
                </Tag>
              ))}
            </Typography.Paragraph>
          ) : null}
          {linkedForOrg.length > 0 ? (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('indices.linkedValues')}{' '}
              {linkedForOrg.map((item) => (
                <Tag key={item.code} color="blue">
                  {item.code} ← {item.indicatorCode}
                </Tag>
              ))}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
    </Flex>
  );
}

export default function IndexDetailPage() {
  const t = useT();
  const { language } = useLanguage();
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const me = useMe();
  const canManage = canManageIndices(me.data);
  const detail = useIndex(code);
  const list = useIndices();
  const [importing, setImporting] = useState<number | null>(null);
  const [isEditing, setEditing] = useState(false);

  const years = useMemo(() => [...(detail.data?.years ?? [])].sort((a, b) => b.year - a.year), [detail.data]);
  const yearParam = Number(searchParams.get('year'));
  const year = years.some((item) => item.year === yearParam) ? yearParam : years[0]?.year;
  const orgParam = searchParams.get('org') || undefined;
  const tabParam = searchParams.get('tab') as DetailTab | null;
  const tab: DetailTab = tabParam && TABS.includes(tabParam) ? tabParam : 'results';

  const results = useIndexResults(code, { year, org: orgParam }, { enabled: Boolean(detail.data && year) });
  // The organization shown: the one asked for, else the server's default (the province, when it is a peer).
  const org = orgParam ?? results.data?.org ?? null;
  const ranked = results.data ? results.data.results.filter((row) => row.rank !== null).length : 0;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.get('tab') === 'results') next.delete('tab');
    if (next.get('year') === String(years[0]?.year)) next.delete('year');
    setSearchParams(next, { replace: true });
  };

  if (detail.isLoading) {
    return (
      <div data-testid="index-detail">
        <LoadingState rows={10} />
      </div>
    );
  }
  if (detail.isError || !detail.data) {
    return (
      <div data-testid="index-detail">
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        <Flex justify="center">
          <Link to="/indices">
            <Button icon={<ArrowLeftOutlined />}>{t('indices.backToList')}</Button>
          </Link>
        </Flex>
      </div>
    );
  }
  const data = detail.data;
  const indicatorCount = data.nodes.filter((node) => node.level === 'indicator').length;
  const peerColumn = t(`indices.peerColumn.${data.peerKind}`);
  const badOrg = results.error instanceof ApiError && results.error.status === 400 && Boolean(orgParam);

  const body = () => {
    if (years.length === 0) {
      return (
        <Card size="small">
          <EmptyState description={t('indices.noData')}>
            {canManage ? (
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(Date.now())}>
                {t('indices.importData')}
              </Button>
            ) : null}
          </EmptyState>
        </Card>
      );
    }
    if (results.isError && !results.data) {
      return (
        <Card size="small">
          <ErrorState error={results.error} onRetry={() => void results.refetch()} />
          {badOrg ? (
            <Flex justify="center">
              <Button onClick={() => update({ org: undefined })}>{t('indices.clearOrg')}</Button>
            </Flex>
          ) : null}
        </Card>
      );
    }
    if (results.isLoading || !results.data || !year) return <LoadingState rows={10} />;
    return (
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key })}
          destroyOnHidden
          items={[
            {
              key: 'results',
              label: <span data-testid="index-tab-results">{t('indices.tab.results')}</span>,
              children: <ResultsTab detail={data} results={results.data} org={org} onSelectOrg={(value) => update({ org: value })} />,
            },
            {
              key: 'whatif',
              label: <span data-testid="whatif-tab">{t('indices.tab.whatIf')}</span>,
              children: org ? (
                <WhatIfTab key={`${year}-${org}`} detail={data} year={year} org={org} ranked={ranked} />
              ) : (
                <EmptyState description={t('indices.chooseOrgHint', { peers: peerColumn.toLocaleLowerCase('vi') })} />
              ),
            },
          ]}
        />
      </Card>
    );
  };

  return (
    <div data-testid="index-detail">
      <PageTitle
        title={<span data-testid="index-heading">{data.name}</span>}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <Typography.Text code>{data.code}</Typography.Text>
            <Tag color={data.method === 'minmax' ? 'blue' : 'purple'}>{t(`indices.method.${data.method}`)}</Tag>
            {data.method === 'minmax' && data.outlierTreatment ? <Tag>{t('indices.outliersOn')}</Tag> : null}
            <span>{t('indices.peersOf', { peers: peerColumn.toLocaleLowerCase('vi') })}</span>
            <span>· {t('indices.indicatorCountText', { count: formatNumber(indicatorCount, language, 0) })}</span>
          </Flex>
        }
        extra={
          <>
            <Link to="/indices">
              <Button icon={<ArrowLeftOutlined />}>{t('action.back')}</Button>
            </Link>
            {canManage ? (
              <>
                <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="index-settings">
                  {t('indices.settings')}
                </Button>
                <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(Date.now())} data-testid="index-detail-import-data">
                  {t('indices.importData')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {years.length > 0 ? (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="index-filters">
          <Flex gap={12} wrap align="center">
            <Select<number>
              value={year}
              onChange={(value) => update({ year: String(value) })}
              options={years.map((item) => ({ value: item.year, label: t('period.year', { year: item.year }) }))}
              style={{ width: 130 }}
              data-testid="index-year"
            />
            <Select<string>
              value={org ?? undefined}
              onChange={(value) => update({ org: value })}
              placeholder={t('indices.chooseOrg', { peers: peerColumn.toLocaleLowerCase('vi') })}
              showSearch={{ optionFilterProp: 'label' }}
              options={(results.data?.results ?? []).map((row) => ({ value: row.org, label: row.orgName }))}
              loading={results.isFetching}
              style={{ width: 320 }}
              data-testid="index-org"
            />
            {results.data ? (
              <Typography.Text type="secondary">
                {t('indices.rankedCount', { count: formatNumber(ranked, language, 0), peers: peerColumn.toLocaleLowerCase('vi') })}
              </Typography.Text>
            ) : null}
          </Flex>
        </Card>
      ) : null}
      {body()}
      {importing !== null ? (
        <IndexImportModal key={importing} open kind="data" code={data.code} frameworks={list.data?.items ?? []} onClose={() => setImporting(null)} />
      ) : null}
      {isEditing ? <IndexSettingsModal framework={data} open onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
