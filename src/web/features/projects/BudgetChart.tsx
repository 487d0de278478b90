/**
 * State budget planned against paid, by year (bars). Only the parts of echarts it needs are
 * registered; the module is loaded lazily by the portfolio page.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { formatNumber } from '../../format';
import { useLanguage } from '../../i18n';
import type { BudgetYear } from './api';
import { useProjectText } from './text';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function BudgetChart({ years, height = 260 }: { years: BudgetYear[]; height?: number }) {
  const t = useProjectText();
  const { language } = useLanguage();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatNumber(value, language, 3) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: years.map((row) => String(row.year)) },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatNumber(value, language, 0) } },
      series: [
        { name: t('column.planned'), type: 'bar', data: years.map((row) => row.planned), itemStyle: { color: '#9bb7d9' } },
        { name: t('column.paid'), type: 'bar', data: years.map((row) => row.paid), itemStyle: { color: '#1d4f91' } },
      ],
    }),
    [years, language, t],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />;
}
