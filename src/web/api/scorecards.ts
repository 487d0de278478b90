/**
 * Scorecards (Kết quả thực hiện theo đơn vị): GET /api/v1/scorecards/:code, the comparison table
 * GET /api/v1/scorecards and its Excel export.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiDownload, apiGet } from './client';
import type { IndicatorCards, TaskFilterParams } from './overview';
import type { IsoDate, TaskRow } from './types';

export type ComparisonKind = 'department' | 'commune';

export interface ScorecardFigures {
  total: number;
  due: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  noDeadline: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

export interface ComparisonRow extends ScorecardFigures {
  rank: number | null;
  code: string;
  name: string;
  kind: string;
  previousCompletionRate: number | null;
  completionRateChange: number | null;
  coldTasks: number;
}

export interface Comparison {
  kind: ComparisonKind;
  kindLabel: string;
  period: string;
  periodLabel: string;
  asOf: IsoDate;
  previousAsOf: IsoDate;
  coldDays: number;
  organization: { code: string; name: string };
  items: ComparisonRow[];
}

export interface Scorecard {
  asOf: IsoDate;
  organization: { code: string; name: string; kind: string; parentCode: string | null };
  province: { code: string; name: string };
  peerKind: string | null;
  statistics: ScorecardFigures & { dueSoon: number; asOf: IsoDate; filter: TaskFilterParams };
  own: (ScorecardFigures & { rank: number | null }) | null;
  ranked: number;
  rankHistory: { month: string; asOf: IsoDate; rank: number | null; ranked: number; completionRate: number | null; onTimeRate: number | null }[];
  units: (ScorecardFigures & { code: string; name: string; rank: number | null })[];
  overdue: { total: number; items: TaskRow[]; filter: TaskFilterParams };
  indicators: IndicatorCards;
}

export interface ComparisonQuery {
  kind: ComparisonKind;
  period?: string;
  org?: string;
}

export function useComparison(query: ComparisonQuery) {
  return useQuery({
    queryKey: ['scorecards', 'comparison', query],
    queryFn: ({ signal }) => apiGet<Comparison>('/api/v1/scorecards', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useScorecard(code: string, asOf?: string) {
  return useQuery({
    queryKey: ['scorecards', 'detail', code, asOf ?? ''],
    queryFn: ({ signal }) => apiGet<Scorecard>(`/api/v1/scorecards/${encodeURIComponent(code)}`, { asOf }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => {
      const status = current.state.data?.indicators.status;
      return status === 'pending' || status === 'stale' ? 2500 : false;
    },
  });
}

export function exportComparison(query: ComparisonQuery): Promise<void> {
  return apiDownload('/api/v1/scorecards/export', { ...query }, `ket-qua-thuc-hien-${query.kind}-${query.period ?? ''}.xlsx`);
}
