/**
 * Charts of an indicator: result against target over periods, and results by organization. Only
 * the parts of echarts they need are registered; the module is loaded lazily.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { ByOrganizationRow, IndicatorStatus, IndicatorValueType, SeriesPoint } from '../../api/types';
import { useLanguage, useT } from '../../i18n';
import { periodLabel } from './periods';
import { displayStatus, formatIndicatorValue, formatTarget, INDICATOR_STATUS_CHART_COLORS } from './values';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const TARGET_COLOR = '#9e1b1b';
/** A value with no target has no status: a neutral colour rather than the grey of "no data". */
const NO_TARGET_COLOR = '#6a8bbf';

function barColor(status: string | null | undefined, value: number | null | undefined): string {
  const key = (status ?? 'no_data') as IndicatorStatus;
  if (key === 'no_data' && value !== null && value !== undefined) return NO_TARGET_COLOR;
  return INDICATOR_STATUS_CHART_COLORS[key] ?? NO_TARGET_COLOR;
}
const BASELINE_COLOR = '#8c8c8c';

interface AxisTooltipItem {
  seriesName: string;
  marker: string;
  value: number | null | undefined;
  dataIndex: number;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

export interface SeriesChartProps {
  items: SeriesPoint[];
  valueType: IndicatorValueType;
  unit: string | null;
  height?: number;
}

/** Result (bars coloured by status) against target (line) and baseline (dashed), period by period. */
export function SeriesChart({ items, valueType, unit, height = 320 }: SeriesChartProps) {
  const t = useT();
  const { language } = useLanguage();
  const option = useMemo(() => {
    const labels = items.map((item) => periodLabel(item.period, language, true));
    const format = (value: number | null | undefined) => formatIndicatorValue(value, valueType, language);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: AxisTooltipItem[]) => {
          const list = Array.isArray(params) ? params : [params];
          const item = items[list[0]?.dataIndex ?? 0];
          const head = `<b>${escapeHtml(periodLabel(item?.period, language))}</b>`;
          const lines = list.map((entry) => {
            const text =
              entry.seriesName === t('indicator.target') && item
                ? formatTarget(item.target, item.comparator, valueType, language)
                : format(entry.value);
            return `${entry.marker}${escapeHtml(entry.seriesName)}: <b>${escapeHtml(text)}</b>`;
          });
          const status = item ? `${t('indicator.status')}: ${t(`indicatorStatus.${displayStatus(item.status, item)}`)}` : '';
          return [head, ...lines, escapeHtml(status)].filter(Boolean).join('<br/>');
        },
      },
      legend: { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 12, right: 16, top: 28, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: labels, axisTick: { alignWithLabel: true } },
      yAxis: {
        type: 'value',
        name: unit ?? '',
        nameTextStyle: { align: 'left' },
        max: valueType === 'percent' ? 100 : valueType === 'yes_no' ? 1 : undefined,
        minInterval: valueType === 'yes_no' ? 1 : undefined,
        axisLabel: { formatter: (value: number) => format(value) },
      },
      series: [
        {
          name: t('indicator.actual'),
          type: 'bar',
          barMaxWidth: 36,
          data: items.map((item) => ({
            value: item.value,
            itemStyle: { color: barColor(item.status, item.value) },
          })),
          label: { show: items.length <= 12, position: 'top', fontSize: 11, formatter: (params: { value: number | null }) => format(params.value) },
        },
        {
          name: t('indicator.target'),
          type: 'line',
          data: items.map((item) => item.target),
          connectNulls: true,
          symbol: 'circle',
          symbolSize: 7,
          itemStyle: { color: TARGET_COLOR },
          lineStyle: { width: 2 },
        },
        {
          name: t('indicator.baselineShort'),
          type: 'line',
          data: items.map((item) => item.baseline),
          connectNulls: true,
          symbol: 'emptyCircle',
          symbolSize: 5,
          itemStyle: { color: BASELINE_COLOR },
          lineStyle: { width: 1, type: 'dashed' },
        },
      ],
    };
  }, [items, valueType, unit, language, t]);
  return (
    <div data-testid="indicator-chart" role="img" aria-label={t('indicator.seriesTitle')}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
    </div>
  );
}

export interface ByOrganizationChartProps {
  items: ByOrganizationRow[];
  valueType: IndicatorValueType;
  unit: string | null;
  onSelect?: (org: string) => void;
}

/** The children's results, ranked (best first), as horizontal bars coloured by status. */
export function ByOrganizationChart({ items, valueType, unit, onSelect }: ByOrganizationChartProps) {
  const t = useT();
  const { language } = useLanguage();
  const ranked = useMemo(
    () =>
      items
        .filter((item) => item.value !== null && item.value !== undefined)
        .sort((left, right) => (left.rank ?? Number.MAX_SAFE_INTEGER) - (right.rank ?? Number.MAX_SAFE_INTEGER)),
    [items],
  );
  const height = Math.max(240, ranked.length * 22 + 60);
  const option = useMemo(() => {
    const format = (value: number | null | undefined) => formatIndicatorValue(value, valueType, language);
    // echarts draws the first category at the bottom: reverse so that rank 1 is on top.
    const rows = [...ranked].reverse();
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { dataIndex: number }) => {
          const row = rows[params.dataIndex];
          if (!row) return '';
          return [
            `<b>${escapeHtml(row.orgName)}</b>`,
            `${escapeHtml(t('indicator.actual'))}: <b>${escapeHtml(format(row.value))}</b>${unit && valueType === 'number' ? ` ${escapeHtml(unit)}` : ''}`,
            `${escapeHtml(t('indicator.target'))}: ${escapeHtml(formatTarget(row.target, row.comparator, valueType, language))}`,
            `${escapeHtml(t('indicator.status'))}: ${escapeHtml(t(`indicatorStatus.${displayStatus(row.status, row)}`))}`,
          ].join('<br/>');
        },
      },
      grid: { left: 12, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        max: valueType === 'percent' ? 100 : undefined,
        axisLabel: { formatter: (value: number) => format(value) },
      },
      yAxis: {
        type: 'category',
        data: rows.map((row) => row.orgName),
        axisLabel: { width: 180, overflow: 'truncate', fontSize: 12 },
      },
      series: [
        {
          name: t('indicator.actual'),
          type: 'bar',
          barMaxWidth: 16,
          data: rows.map((row) => ({
            value: row.value,
            org: row.org,
            itemStyle: { color: barColor(row.status, row.value) },
          })),
          label: { show: true, position: 'right', fontSize: 11, formatter: (params: { value: number | null }) => format(params.value) },
        },
      ],
    };
  }, [ranked, valueType, unit, language, t]);
  const events = useMemo(
    () => ({
      click: (params: { data?: { org?: string } }) => {
        if (params.data?.org) onSelect?.(params.data.org);
      },
    }),
    [onSelect],
  );
  if (ranked.length === 0) return null;
  return (
    <div data-testid="by-org-chart" role="img" aria-label={t('indicator.byOrgChart')}>
      <ReactEChartsCore echarts={echarts} option={option} onEvents={events} style={{ height }} notMerge />
    </div>
  );
}
