/**
 * The charts of the overview and the scorecards: the 12-month trend of the completion and on-time
 * rates, the rank over time, and the sparkline of an indicator card. Only the parts of echarts
 * they need are registered; the module is loaded lazily.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { formatNumber, formatRate } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { monthLabel } from './overview-links';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const COMPLETION_COLOR = '#9e1b1b';
const ON_TIME_COLOR = '#389e0d';

export interface TrendPoint {
  month: string;
  asOf: string;
  due: number;
  completed: number;
  completedOnTime: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** Completion and on-time rates at each month end; a click opens the tasks due on that date. */
export function TrendChart({ points, onSelect, height = 300 }: { points: TrendPoint[]; onSelect?: (point: TrendPoint) => void; height?: number }) {
  const t = useT();
  const { language } = useLanguage();
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const point = points[params[0]?.dataIndex ?? 0];
          if (!point) return '';
          return [
            `<b>${escapeHtml(t('overview.trendPoint', { date: point.asOf.split('-').reverse().join('/') }))}</b>`,
            `${escapeHtml(t('stats.completionRate'))}: <b>${escapeHtml(formatRate(point.completionRate, language))}</b> (${formatNumber(point.completed, language, 0)}/${formatNumber(point.due, language, 0)})`,
            `${escapeHtml(t('stats.onTimeRate'))}: <b>${escapeHtml(formatRate(point.onTimeRate, language))}</b> (${formatNumber(point.completedOnTime, language, 0)}/${formatNumber(point.due, language, 0)})`,
          ].join('<br/>');
        },
      },
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: points.map((point) => monthLabel(point.month)), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (value: number) => formatRate(value, language) } },
      series: [
        {
          name: t('stats.completionRate'),
          type: 'line',
          data: points.map((point) => point.completionRate),
          symbolSize: 8,
          itemStyle: { color: COMPLETION_COLOR },
          lineStyle: { width: 2 },
          connectNulls: false,
        },
        {
          name: t('stats.onTimeRate'),
          type: 'line',
          data: points.map((point) => point.onTimeRate),
          symbolSize: 8,
          itemStyle: { color: ON_TIME_COLOR },
          lineStyle: { width: 2 },
          connectNulls: false,
        },
      ],
    }),
    [points, language, t],
  );
  const events = useMemo(
    () => ({
      click: (params: { dataIndex?: number }) => {
        const point = params.dataIndex === undefined ? undefined : points[params.dataIndex];
        if (point) onSelect?.(point);
      },
    }),
    [points, onSelect],
  );
  return (
    <div data-testid="trend-chart" role="img" aria-label={t('overview.trendTitle')}>
      <ReactEChartsCore echarts={echarts} option={option} onEvents={events} style={{ height }} notMerge />
    </div>
  );
}

/** An organization's rank at each month end (1 at the top). */
export function RankChart({ points, height = 240 }: { points: { month: string; rank: number | null; ranked: number }[]; height?: number }) {
  const t = useT();
  const { language } = useLanguage();
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const point = points[params[0]?.dataIndex ?? 0];
          if (!point) return '';
          return point.rank === null
            ? escapeHtml(t('scorecard.noRank'))
            : escapeHtml(t('scorecard.rankPoint', { month: monthLabel(point.month), rank: formatNumber(point.rank, language, 0), ranked: formatNumber(point.ranked, language, 0) }));
        },
      },
      grid: { left: 8, right: 16, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: points.map((point) => monthLabel(point.month)), boundaryGap: false },
      yAxis: { type: 'value', inverse: true, min: 1, minInterval: 1 },
      series: [{ type: 'line', data: points.map((point) => point.rank), symbolSize: 8, itemStyle: { color: COMPLETION_COLOR }, connectNulls: false }],
    }),
    [points, language, t],
  );
  return (
    <div data-testid="rank-chart" role="img" aria-label={t('scorecard.rankHistory')}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
    </div>
  );
}

/** A small line of an indicator's last periods, in its status colour. */
export function Sparkline({ values, labels, color, format }: { values: (number | null)[]; labels: string[]; color: string; format: (value: number | null) => string }) {
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: { dataIndex: number }[]) => {
          const index = params[0]?.dataIndex ?? 0;
          return `${escapeHtml(labels[index] ?? '')}: <b>${escapeHtml(format(values[index] ?? null))}</b>`;
        },
      },
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, data: labels, boundaryGap: false },
      yAxis: { type: 'value', show: false, scale: true },
      series: [
        {
          type: 'line',
          data: values,
          symbol: 'none',
          connectNulls: true,
          lineStyle: { width: 2, color },
          areaStyle: { color, opacity: 0.12 },
        },
      ],
    }),
    [values, labels, color, format],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 44 }} notMerge />;
}

