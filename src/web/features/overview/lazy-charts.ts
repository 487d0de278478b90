import { lazy } from 'react';

/** The overview's charts, in their own chunk (echarts). */
export const TrendChart = lazy(() => import('./OverviewCharts').then((module) => ({ default: module.TrendChart })));
export const RankChart = lazy(() => import('./OverviewCharts').then((module) => ({ default: module.RankChart })));
export const Sparkline = lazy(() => import('./OverviewCharts').then((module) => ({ default: module.Sparkline })));
