/**
 * Charts of a composite index: the organization's pillars against the best and the median peer
 * (radar), and its rank at each sub-index and pillar (bars). Only the parts of echarts they need
 * are registered; the module is loaded lazily.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { IndexNode } from '../../api/types';
import { formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { formatScore } from './format';

echarts.use([RadarChart, BarChart, RadarComponent, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

const OWN_COLOR = '#9e1b1b';
const BEST_COLOR = '#389e0d';
const MEDIAN_COLOR = '#8c8c8c';
const STRENGTH_COLOR = '#52c41a';
const WEAKNESS_COLOR = '#cf1322';
const NEUTRAL_COLOR = '#1d4f91';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

function shorten(text: string, length = 26): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export interface PillarRadarProps {
  nodes: IndexNode[];
  orgName: string;
  /** The organization's score of each node. */
  scores: Record<string, number | null | undefined>;
  benchmarks: Record<string, { best: number | null; median: number | null }>;
  /** The scale of each node: 100 for min-max scores, the maximum points for a points index. */
  maxOf: (code: string) => number;
  height?: number;
}

/** The organization's pillar scores against the best and the median peer. */
export function PillarRadar({ nodes, orgName, scores, benchmarks, maxOf, height = 360 }: PillarRadarProps) {
  const t = useT();
  const { language } = useLanguage();
  const option = useMemo(() => {
    const series = [
      { name: orgName, color: OWN_COLOR, values: nodes.map((node) => scores[node.code] ?? null), area: 0.18, dashed: false },
      { name: t('indices.best'), color: BEST_COLOR, values: nodes.map((node) => benchmarks[node.code]?.best ?? null), area: 0, dashed: true },
      { name: t('indices.median'), color: MEDIAN_COLOR, values: nodes.map((node) => benchmarks[node.code]?.median ?? null), area: 0, dashed: true },
    ];
    return {
      color: series.map((item) => item.color),
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: { dataIndex: number; seriesIndex: number; name: string; marker: string }) => {
          const item = series[params.dataIndex];
          if (!item) return '';
          return [
            `${params.marker}<b>${escapeHtml(item.name)}</b>`,
            ...nodes.map((node, index) => `${escapeHtml(shorten(node.name, 48))}: <b>${escapeHtml(formatScore(item.values[index], language))}</b>`),
          ].join('<br/>');
        },
      },
      radar: {
        center: ['50%', '50%'],
        radius: '60%',
        splitNumber: 4,
        axisName: { color: '#434343', fontSize: 11 },
        indicator: nodes.map((node) => ({ name: shorten(node.name, 22), max: maxOf(node.code) })),
      },
      series: [
        {
          type: 'radar',
          symbolSize: 5,
          data: series.map((item) => ({
            name: item.name,
            // echarts draws a missing value at the centre: 0 is the honest reading of "no score" on a radar.
            value: item.values.map((value) => value ?? 0),
            lineStyle: { color: item.color, width: item.dashed ? 1.5 : 2.5, type: item.dashed ? 'dashed' : 'solid' },
            itemStyle: { color: item.color },
            areaStyle: item.area ? { color: item.color, opacity: item.area } : undefined,
          })),
        },
      ],
    };
  }, [nodes, orgName, scores, benchmarks, maxOf, language, t]);
  return (
    <div data-testid="radar-chart" role="img" aria-label={t('indices.radarTitle')}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
    </div>
  );
}

export interface RankBarsProps {
  nodes: IndexNode[];
  ranks: Record<string, number | null | undefined>;
  /** The organization's overall rank (the reference line). */
  overall: number | null;
  peers: number;
  /** Places better or worse than the overall rank that make a strength or a weakness. */
  threshold: number;
}

/** The organization's rank at each node (1 is the best), against its overall rank. */
export function RankBars({ nodes, ranks, overall, peers, threshold }: RankBarsProps) {
  const t = useT();
  const { language } = useLanguage();
  const rows = useMemo(() => nodes.filter((node) => ranks[node.code] !== null && ranks[node.code] !== undefined), [nodes, ranks]);
  const height = Math.max(220, rows.length * 30 + 70);
  const option = useMemo(() => {
    // echarts draws the first category at the bottom: reverse so that the framework reads top-down.
    const ordered = [...rows].reverse();
    const colorOf = (rank: number) => {
      if (overall === null) return NEUTRAL_COLOR;
      if (overall - rank >= threshold) return STRENGTH_COLOR;
      if (rank - overall >= threshold) return WEAKNESS_COLOR;
      return NEUTRAL_COLOR;
    };
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { dataIndex: number }) => {
          const node = ordered[params.dataIndex];
          if (!node) return '';
          const rank = ranks[node.code] as number;
          return `<b>${escapeHtml(node.name)}</b><br/>${escapeHtml(t('indices.rank'))}: <b>${escapeHtml(formatNumber(rank, language, 0))}/${escapeHtml(formatNumber(peers, language, 0))}</b>`;
        },
      },
      grid: { left: 12, right: 32, top: 12, bottom: 28, containLabel: true },
      xAxis: {
        type: 'value',
        min: 0,
        max: Math.max(peers, 1),
        minInterval: 1,
        name: t('indices.rankAxis'),
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { formatter: (value: number) => formatNumber(value, language, 0) },
      },
      yAxis: {
        type: 'category',
        data: ordered.map((node) => shorten(node.name, 34)),
        axisLabel: { width: 220, overflow: 'truncate', fontSize: 12 },
      },
      series: [
        {
          name: t('indices.rank'),
          type: 'bar',
          barMaxWidth: 18,
          data: ordered.map((node) => {
            const rank = ranks[node.code] as number;
            return { value: rank, itemStyle: { color: colorOf(rank) } };
          }),
          label: { show: true, position: 'right', fontSize: 11, formatter: (params: { value: number }) => formatNumber(params.value, language, 0) },
          markLine:
            overall !== null
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: OWN_COLOR, type: 'dashed', width: 1.5 },
                  label: { show: false },
                  data: [{ xAxis: overall }],
                }
              : undefined,
        },
      ],
    };
  }, [rows, ranks, overall, peers, threshold, language, t]);
  if (rows.length === 0) return null;
  return (
    <div data-testid="rank-chart" role="img" aria-label={t('indices.rankChartTitle')}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
    </div>
  );
}
