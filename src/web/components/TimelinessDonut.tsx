/**
 * A donut of the four national categories (completed on time, completed late, in progress,
 * overdue). Only the parts of echarts it needs are registered, so this chunk stays small; it is
 * loaded lazily by the pages that show it.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import type { TimelinessCounts, Timeliness } from '../api/types';
import { formatNumber, formatRate } from '../format';
import { useLanguage, useT } from '../i18n';
import { TIMELINESS_CHART_COLORS } from './TaskTags';

echarts.use([PieChart, TooltipComponent, LegendComponent, CanvasRenderer]);

const CATEGORIES: Array<{ timeliness: Timeliness; value: (stats: TimelinessCounts) => number }> = [
  { timeliness: 'completed_on_time', value: (s) => s.completedOnTime },
  { timeliness: 'completed_late', value: (s) => s.completedLate },
  { timeliness: 'in_progress', value: (s) => s.inProgress },
  { timeliness: 'overdue', value: (s) => s.overdue },
];

export interface TimelinessDonutProps {
  stats: TimelinessCounts;
  onSelect?: (timeliness: Timeliness) => void;
  height?: number;
}

export default function TimelinessDonut({ stats, onSelect, height = 300 }: TimelinessDonutProps) {
  const t = useT();
  const { language } = useLanguage();
  const counted = CATEGORIES.reduce((sum, category) => sum + category.value(stats), 0);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string; value: number; percent: number }) =>
          `${params.name}: <b>${formatNumber(params.value, language, 0)}</b> (${formatRate(params.percent / 100, language)})`,
      },
      legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
      series: [
        {
          type: 'pie',
          radius: ['48%', '72%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: {
            show: true,
            formatter: (params: { value: number }) => formatNumber(params.value, language, 0),
          },
          data: CATEGORIES.map((category) => ({
            name: t(`timeliness.${category.timeliness}`),
            value: category.value(stats),
            timeliness: category.timeliness,
            itemStyle: { color: TIMELINESS_CHART_COLORS[category.timeliness] },
          })),
        },
      ],
    }),
    [stats, language, t],
  );
  const events = useMemo(
    () => ({
      click: (params: { data?: { timeliness?: Timeliness } }) => {
        if (params.data?.timeliness) onSelect?.(params.data.timeliness);
      },
    }),
    [onSelect],
  );
  if (counted === 0) return null;
  return (
    <div data-testid="timeliness-donut" role="img" aria-label={t('overview.chartTitle')}>
      <ReactEChartsCore echarts={echarts} option={option} onEvents={events} style={{ height }} notMerge />
    </div>
  );
}
