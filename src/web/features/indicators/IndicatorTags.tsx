/**
 * Tags and bars of indicators: status against the target (đạt · đúng tiến độ · có nguy cơ không
 * đạt · chậm tiến độ · chưa có số liệu), the state of an entered value, progress.
 */
import { Progress, Tag, Tooltip, Typography } from 'antd';
import type { IndicatorStatus, IndicatorValueType, Rollup, ValueStatus } from '../../api/types';
import { EMPTY_VALUE, formatNumber, formatRate } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { reportsByCommunes } from './organizations';
import { displayStatus, formatIndicatorValue, INDICATOR_STATUS_CHART_COLORS, INDICATOR_STATUS_COLORS, VALUE_STATUS_COLORS } from './values';

/**
 * The status against the target. A value without a target has no status either: the API says
 * `no_data`, which would read "chưa có số liệu"; it is shown as "chưa có chỉ tiêu kế hoạch".
 */
export function IndicatorStatusTag({ status, rollup }: { status: IndicatorStatus | null | undefined; rollup?: Pick<Rollup, 'value' | 'target'> | null }) {
  const t = useT();
  const value = displayStatus(status, rollup);
  if (value === 'no_target') {
    return (
      <Tag variant="outlined" data-testid="indicator-status" data-status="no_target">
        {t('indicatorStatus.no_target')}
      </Tag>
    );
  }
  return (
    <Tag color={INDICATOR_STATUS_COLORS[value] ?? 'default'} data-testid="indicator-status" data-status={value}>
      {t(`indicatorStatus.${value}`)}
    </Tag>
  );
}

export function ValueStatusTag({ status, reason }: { status: ValueStatus | null | undefined; reason?: string | null }) {
  const t = useT();
  if (!status) {
    return (
      <Tag variant="outlined" data-testid="value-status" data-status="none">
        {t('valueStatus.none')}
      </Tag>
    );
  }
  const tag = (
    <Tag color={VALUE_STATUS_COLORS[status] ?? 'default'} data-testid="value-status" data-status={status}>
      {t(`valueStatus.${status}`)}
    </Tag>
  );
  return reason ? <Tooltip title={t('entry.returnReason', { reason })}>{tag}</Tooltip> : tag;
}

/** Progress towards the target (0..1), coloured by status; "—" when there is none. */
export function IndicatorProgress({ progress, status }: { progress: number | null | undefined; status: IndicatorStatus | null | undefined }) {
  const { language } = useLanguage();
  if (progress === null || progress === undefined || Number.isNaN(progress)) return <span>{EMPTY_VALUE}</span>;
  const value: IndicatorStatus = status ?? 'no_data';
  const percent = Math.max(0, Math.min(1, progress)) * 100;
  return (
    <Progress
      percent={percent}
      size="small"
      strokeColor={INDICATOR_STATUS_CHART_COLORS[value]}
      status="normal"
      format={() => formatRate(progress, language)}
      style={{ minWidth: 100, marginInlineEnd: 0, marginBottom: 0 }}
      data-testid="indicator-progress"
    />
  );
}

/** "126/148 xã, phường đã báo cáo" (or "đơn vị" when other kinds of organization report). */
export function useCoverageText() {
  const t = useT();
  const { language } = useLanguage();
  return (rollup: Rollup['rollup'] | null | undefined, reportingKinds: string[] | null | undefined): string | null =>
    rollup && rollup.expected > 0
      ? t(reportsByCommunes(reportingKinds) ? 'indicator.coverageCommunes' : 'indicator.coverageUnits', {
          reported: formatNumber(rollup.reported, language, 0),
          expected: formatNumber(rollup.expected, language, 0),
        })
      : null;
}

/** A result: the value, and in a tooltip how it was obtained (entered, or rolled up from n of m). */
export function RollupValue({
  rollup,
  valueType,
  reportingKinds,
  style,
}: {
  rollup: Rollup | null | undefined;
  valueType: IndicatorValueType;
  reportingKinds?: string[] | null;
  style?: React.CSSProperties;
}) {
  const t = useT();
  const { language } = useLanguage();
  const coverageText = useCoverageText();
  if (!rollup || rollup.value === null || rollup.value === undefined) {
    return (
      <Typography.Text type="secondary" style={style}>
        {EMPTY_VALUE}
      </Typography.Text>
    );
  }
  const entered = rollup.entered !== null && rollup.entered !== undefined;
  const coverage = coverageText(rollup.rollup, reportingKinds);
  const hint = entered ? t('indicator.enteredHint') : [t('indicator.rollupHint'), coverage].filter(Boolean).join(': ');
  return (
    <Tooltip title={hint}>
      <Typography.Text strong style={style} data-testid="indicator-value">
        {formatIndicatorValue(rollup.value, valueType, language)}
      </Typography.Text>
    </Tooltip>
  );
}
