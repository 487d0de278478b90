/**
 * The overview (Tổng quan) and the cold tasks behind it: GET /api/v1/overview, /overview/cold-tasks.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import type { IndicatorStatus, IndicatorValueType, IsoDate, Timeliness } from './types';

/** The task-list parameters of a number (the same names in the API and in /tasks). */
export type TaskFilterParams = Record<string, string>;

export interface RankingRow {
  code: string;
  name: string;
  rank: number | null;
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

export interface IndicatorCard {
  code: string;
  name: string;
  unit: string;
  groupName: string | null;
  direction: string;
  valueType: IndicatorValueType;
  frequency: string;
  period: string;
  value: number | null;
  target: number | null;
  comparator: 'gte' | 'lte' | 'eq' | null;
  progress: number | null;
  status: IndicatorStatus;
  baseline: number | null;
  series: { period: string; label: string; value: number | null }[];
}

export interface IndicatorCards {
  /** ready: current; stale: previous figures while new ones are computed; pending: being computed. */
  status: 'ready' | 'stale' | 'pending' | 'error';
  computedAt: string | null;
  computeMs: number | null;
  total: number;
  byStatus: Partial<Record<IndicatorStatus, number>>;
  items: IndicatorCard[];
}

export interface ColdTask {
  id: number;
  title: string;
  directiveId: number;
  directiveNumber: string;
  leadCode: string;
  leadName: string;
  state: string;
  progress: number;
  deadline: IsoDate | null;
  timeliness: Timeliness | null;
  overdueDays: number | null;
  assignedOn: IsoDate;
  lastUpdateOn: IsoDate | null;
  daysWithoutUpdate: number;
}

export interface Overview {
  asOf: IsoDate;
  organization: { code: string; name: string; kind: string };
  province: { code: string; name: string };
  coldDays: number;
  statistics: {
    total: number;
    due: number;
    completedOnTime: number;
    completedLate: number;
    inProgress: number;
    overdue: number;
    noDeadline: number;
    dueSoon: number;
    completionRate: number | null;
    onTimeRate: number | null;
    filter: TaskFilterParams;
  };
  trend: { month: string; asOf: IsoDate; due: number; completed: number; completedOnTime: number; completionRate: number | null; onTimeRate: number | null }[];
  indicators: IndicatorCards;
  ranking: {
    asOf: IsoDate;
    provinceCode: string;
    organizations: number;
    ranked: number;
    top: RankingRow[];
    bottom: RankingRow[];
    own: { code: string; name: string; rank: number | null; rows: RankingRow[] }[];
  };
  overdueByAge: { bucket: 'up_to_30' | 'from_31_to_90' | 'over_90'; minDays: number; maxDays: number | null; count: number; filter: TaskFilterParams }[];
  cold: {
    tasks: { count: number; items: ColdTask[]; filter: TaskFilterParams };
    organizations: {
      lastQuarterEnd: IsoDate;
      previousQuarterEnd: IsoDate;
      items: { code: string; name: string; previousRate: number | null; lastRate: number | null; previous: { completed: number; due: number }; last: { completed: number; due: number } }[];
    };
    directives: { count: number; items: { id: number; number: string; title: string; counted: number; untouched: number; filter: TaskFilterParams }[] };
  };
}

/** Poll while the indicator cards are being computed on the server. */
const INDICATOR_POLL_MS = 2500;

export function useOverview(query: { asOf?: string; org?: string }) {
  return useQuery({
    queryKey: ['overview', query],
    queryFn: ({ signal }) => apiGet<Overview>('/api/v1/overview', { ...query }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (current) => {
      const status = current.state.data?.indicators.status;
      return status === 'pending' || status === 'stale' ? INDICATOR_POLL_MS : false;
    },
  });
}

export interface ColdTaskPage {
  asOf: IsoDate;
  organization: { code: string; name: string };
  coldDays: number;
  total: number;
  items: ColdTask[];
}

export function useColdTasks(query: { asOf?: string; org?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['overview', 'cold-tasks', query],
    queryFn: ({ signal }) => apiGet<ColdTaskPage>('/api/v1/overview/cold-tasks', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
