/**
 * Chooses a reporting period as a code: the kind (tháng, quý, 6 tháng, năm), the year, and the
 * month, quarter or half within it → `2026-03`, `2026Q1`, `2026S1`, `2026`.
 */
import { Select, Space } from 'antd';
import type { PeriodKind } from '../../api/types';
import { useLanguage, useT } from '../../i18n';
import { makePeriod, parsePeriod, periodContaining, periodOptionLabel, periodsPerYear, yearOptions } from './periods';

export interface PeriodPickerProps {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  /** The kinds offered, in order. */
  kinds?: PeriodKind[];
  /** With allowClear, no period is a choice (the API's default); `placeholder` names it. */
  allowClear?: boolean;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
}

export function PeriodPicker({
  value,
  onChange,
  kinds = ['month', 'quarter', 'half', 'year'],
  allowClear = false,
  placeholder,
  disabled,
  testId = 'period-picker',
}: PeriodPickerProps) {
  const t = useT();
  const { language } = useLanguage();
  const parsed = parsePeriod(value);
  const kindOptions = kinds.map((kind) => ({ value: kind, label: t(`periodKind.${kind}`) }));
  const indexOptions = parsed
    ? Array.from({ length: periodsPerYear(parsed.kind) }, (_item, position) => ({
        value: position + 1,
        label: periodOptionLabel(parsed.kind, position + 1, language),
      }))
    : [];

  return (
    <Space.Compact data-testid={testId}>
      <Select<PeriodKind>
        value={parsed?.kind}
        onChange={(kind) => {
          if (!kind) {
            onChange(undefined);
            return;
          }
          // Keep the year; start from the current period of the new kind within it.
          const current = parsePeriod(periodContaining(kind));
          const year = parsed?.year ?? current?.year ?? new Date().getFullYear();
          const index = year === current?.year ? (current?.index ?? 1) : 1;
          onChange(makePeriod(kind, year, index));
        }}
        options={kindOptions}
        placeholder={placeholder ?? t('period.choose')}
        allowClear={allowClear}
        disabled={disabled}
        popupMatchSelectWidth={false}
        style={{ minWidth: parsed ? 96 : 200 }}
        data-testid={`${testId}-kind`}
        aria-label={t('indicator.reportingPeriod')}
      />
      {parsed && parsed.kind !== 'year' ? (
        <Select<number>
          value={parsed.index}
          onChange={(index) => onChange(makePeriod(parsed.kind, parsed.year, index))}
          options={indexOptions}
          disabled={disabled}
          popupMatchSelectWidth={false}
          style={{ minWidth: parsed.kind === 'half' ? 170 : 110 }}
          data-testid={`${testId}-index`}
        />
      ) : null}
      {parsed ? (
        <Select<number>
          value={parsed.year}
          onChange={(year) => onChange(makePeriod(parsed.kind, year, parsed.index))}
          options={yearOptions().map((year) => ({ value: year, label: String(year) }))}
          disabled={disabled}
          style={{ width: 90 }}
          data-testid={`${testId}-year`}
        />
      ) : null}
    </Space.Compact>
  );
}
