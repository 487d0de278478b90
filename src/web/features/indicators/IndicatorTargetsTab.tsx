/**
 * The targets of an indicator for an organization over the plan's years side by side: the annual
 * target and its quarters and months, set by hand or broken down from the annual one (derived
 * targets in italics).
 */
import { ApartmentOutlined, DeleteOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, InputNumber, Modal, Popconfirm, Select, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useMe } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { useBreakdownTargets, useDeleteTarget, useIndicatorTargets, useSaveTarget } from '../../api/indicators';
import { COMPARATORS, type Comparator, type Indicator, type IndicatorTarget, type PeriodKind } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { ErrorState, LoadingState } from '../../components/PageState';
import { EMPTY_VALUE } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { canManageTargets } from './IndicatorNav';
import { PROVINCE_CODE, useOrganizationIndex } from './organizations';
import { makePeriod, parsePeriod, periodLabel, periodOptionLabel, PLAN_YEARS } from './periods';
import { formatTarget, numberInputFormat } from './values';

interface Slot {
  key: string;
  kind: PeriodKind;
  index: number;
}

interface EditState {
  period: string;
  target: IndicatorTarget | undefined;
}

interface TargetFormValues {
  comparator: Comparator;
  /** A decimal string from the number input, or 1/0 for yes/no. */
  value: string | number | null;
}

function defaultComparator(indicator: Indicator): Comparator {
  if (indicator.valueType === 'yes_no') return 'eq';
  return indicator.direction === 'lower' ? 'lte' : 'gte';
}

function slotsOf(kind: PeriodKind, count: number): Slot[] {
  return Array.from({ length: count }, (_item, position) => ({ key: `${kind}-${position + 1}`, kind, index: position + 1 }));
}

export function IndicatorTargetsTab({ indicator, org, onOrgChange }: { indicator: Indicator; org: string; onOrgChange: (org: string) => void }) {
  const t = useT();
  const { language } = useLanguage();
  const { message, modal } = App.useApp();
  const me = useMe();
  const organizations = useOrganizationIndex();
  const canEdit = canManageTargets(me.data);
  const queries = useIndicatorTargets(indicator.code, org, PLAN_YEARS);
  const saveTarget = useSaveTarget();
  const deleteTarget = useDeleteTarget();
  const breakdown = useBreakdownTargets();
  const currentYear = new Date().getFullYear();
  const [breakdownYear, setBreakdownYear] = useState<number>(PLAN_YEARS.includes(currentYear) ? currentYear : PLAN_YEARS[0]);
  const [editing, setEditing] = useState<EditState | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<TargetFormValues>();
  const orgName = organizations.get(org)?.name ?? org;

  const targets = useMemo(() => {
    const byPeriod = new Map<string, IndicatorTarget>();
    for (const query of queries) {
      for (const target of query.data?.items ?? []) byPeriod.set(target.period, target);
    }
    return byPeriod;
  }, [queries]);

  const slots = useMemo<Slot[]>(() => {
    const present = new Set<PeriodKind>();
    for (const period of targets.keys()) {
      const parsed = parsePeriod(period);
      if (parsed) present.add(parsed.kind);
    }
    const result: Slot[] = slotsOf('year', 1);
    if (present.has('half')) result.push(...slotsOf('half', 2));
    if (indicator.frequency !== 'year' || present.has('quarter')) result.push(...slotsOf('quarter', 4));
    if (indicator.frequency === 'month' || present.has('month')) result.push(...slotsOf('month', 12));
    return result;
  }, [targets, indicator.frequency]);

  const isLoading = queries.some((query) => query.isLoading);
  const failed = queries.find((query) => query.isError && !query.data);

  const openEditor = (period: string) => {
    const target = targets.get(period);
    setFormError(null);
    form.setFieldsValue({
      comparator: target?.comparator ?? defaultComparator(indicator),
      value: target ? (indicator.valueType === 'yes_no' ? target.value : String(target.value)) : null,
    });
    setEditing({ period, target });
  };

  const reportError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 403) setFormError(error.message);
    else setFormError(errorMessage(error));
  };

  const save = async () => {
    if (!editing) return;
    const values = await form.validateFields();
    if (values.value === null || values.value === undefined || values.value === '') return;
    try {
      await saveTarget.mutateAsync({
        indicatorCode: indicator.code,
        orgCode: org,
        period: editing.period,
        comparator: values.comparator,
        value: Number(values.value),
      });
      void message.success(t('target.saved'));
      setEditing(null);
    } catch (error) {
      reportError(error);
    }
  };

  const remove = async () => {
    const id = editing?.target?.id;
    if (id === undefined || id === null) return;
    try {
      await deleteTarget.mutateAsync(id);
      void message.success(t('target.deleted'));
      setEditing(null);
    } catch (error) {
      reportError(error);
    }
  };

  const runBreakdown = (kind: 'quarter' | 'month') => {
    const kindLabel = t(`periodKind.${kind}`).toLowerCase();
    if (!targets.get(makePeriod('year', breakdownYear))) {
      void message.warning(t('target.yearRequiredForBreakdown', { year: breakdownYear }));
      return;
    }
    modal.confirm({
      title: t('target.breakdownConfirm', { year: breakdownYear, kind: kindLabel }),
      content: t('target.breakdownRule'),
      okText: t('action.agree'),
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await breakdown.mutateAsync({ indicatorCode: indicator.code, orgCode: org, year: breakdownYear, kind });
          void message.success(t('target.breakdownDone', { year: breakdownYear, kind: kindLabel }));
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  const slotLabel = (slot: Slot) => (slot.kind === 'year' ? t('target.wholeYear') : periodOptionLabel(slot.kind, slot.index, language));

  const cell = (slot: Slot, year: number) => {
    const period = makePeriod(slot.kind, year, slot.index);
    const target = targets.get(period);
    const text = target ? formatTarget(target.value, target.comparator, indicator.valueType, language) : EMPTY_VALUE;
    const content = target?.derived ? (
      <Tooltip title={t('target.derivedNote')}>
        <Typography.Text italic type="secondary" data-derived="true">
          {text}
        </Typography.Text>
      </Tooltip>
    ) : (
      <Typography.Text strong={slot.kind === 'year' && Boolean(target)} type={target ? undefined : 'secondary'}>
        {text}
      </Typography.Text>
    );
    if (!canEdit) return <span data-testid={`target-cell-${period}`}>{content}</span>;
    return (
      <Button
        type="text"
        size="small"
        onClick={() => openEditor(period)}
        data-testid={`target-cell-${period}`}
        aria-label={t('target.editTitle', { period: periodLabel(period, language), org: orgName })}
        style={{ width: '100%', justifyContent: 'flex-end' }}
      >
        {content}
      </Button>
    );
  };

  const { formatter, parser } = numberInputFormat(language);

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <OrganizationTreeSelect
          value={org}
          onChange={(value) => onOrgChange(value ?? PROVINCE_CODE)}
          allowClear={false}
          style={{ width: 320 }}
          data-testid="target-org"
        />
        {canEdit && indicator.frequency !== 'year' ? (
          <Flex gap={8} wrap align="center">
            <Select<number>
              value={breakdownYear}
              onChange={setBreakdownYear}
              options={PLAN_YEARS.map((year) => ({ value: year, label: t('period.year', { year }) }))}
              style={{ width: 120 }}
              data-testid="target-breakdown-year"
            />
            <Button
              icon={<ApartmentOutlined />}
              onClick={() => runBreakdown('quarter')}
              loading={breakdown.isPending && breakdown.variables?.kind === 'quarter'}
              data-testid="target-breakdown-quarter"
            >
              {t('target.breakdownQuarter')}
            </Button>
            {indicator.frequency === 'month' ? (
              <Button
                icon={<ApartmentOutlined />}
                onClick={() => runBreakdown('month')}
                loading={breakdown.isPending && breakdown.variables?.kind === 'month'}
                data-testid="target-breakdown-month"
              >
                {t('target.breakdownMonth')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => queries.forEach((query) => void query.refetch())} />
      ) : isLoading ? (
        <LoadingState rows={6} />
      ) : (
        <>
          <Table<Slot>
            data-testid="target-table"
            size="small"
            rowKey="key"
            dataSource={slots}
            pagination={false}
            scroll={{ x: 760 }}
            bordered
            onRow={(slot) => ({ 'data-testid': `target-row-${slot.key}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('indicator.period'),
                key: 'slot',
                width: 170,
                fixed: 'left',
                render: (_value, slot) => (slot.kind === 'year' ? <Typography.Text strong>{slotLabel(slot)}</Typography.Text> : slotLabel(slot)),
              },
              ...PLAN_YEARS.map((year) => ({
                title: t('period.year', { year }),
                key: String(year),
                align: 'right' as const,
                render: (_value: unknown, slot: Slot) => cell(slot, year),
              })),
            ]}
          />
          <Flex vertical gap={2}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <InfoCircleOutlined /> {t('target.derivedLegend')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('target.notPassedDown')}
            </Typography.Text>
            {canEdit ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('target.clickToEdit')}
              </Typography.Text>
            ) : null}
          </Flex>
        </>
      )}
      <Modal
        open={editing !== null}
        title={editing ? t('target.editTitle', { period: periodLabel(editing.period, language), org: orgName }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('action.save')}
        cancelText={t('action.cancel')}
        confirmLoading={saveTarget.isPending}
        okButtonProps={{ 'data-testid': 'target-save' } as React.ComponentProps<typeof Button>}
        destroyOnHidden
        data-testid="target-modal"
        footer={(originNode) => (
          <Flex justify="space-between" gap={8}>
            <span>
              {editing?.target && !editing.target.derived && editing.target.id !== undefined && editing.target.id !== null ? (
                <Popconfirm title={t('target.deleteConfirm')} okText={t('action.agree')} cancelText={t('action.cancel')} onConfirm={() => void remove()}>
                  <Button danger icon={<DeleteOutlined />} loading={deleteTarget.isPending} data-testid="target-delete">
                    {t('target.delete')}
                  </Button>
                </Popconfirm>
              ) : null}
            </span>
            <Flex gap={8}>{originNode}</Flex>
          </Flex>
        )}
      >
        {editing?.target?.derived ? (
          <Alert type="info" showIcon title={t('target.derivedEditHint')} style={{ marginBottom: 12 }} />
        ) : null}
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="target-error" /> : null}
        <Form<TargetFormValues> form={form} layout="vertical" onFinish={() => void save()}>
          <Flex gap={12}>
            <Form.Item name="comparator" label={t('target.comparator')} rules={[{ required: true, message: t('validation.required') }]} style={{ width: 190 }}>
              <Select<Comparator>
                options={COMPARATORS.map((comparator) => ({ value: comparator, label: t(`comparator.${comparator}`) }))}
                data-testid="target-comparator"
              />
            </Form.Item>
            <Form.Item
              name="value"
              label={`${t('target.value')}${indicator.unit && indicator.valueType !== 'yes_no' ? ` (${indicator.unit})` : ''}`}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: 1 }}
            >
              {indicator.valueType === 'yes_no' ? (
                <Select<number>
                  options={[
                    { value: 1, label: t('entry.yes') },
                    { value: 0, label: t('entry.no') },
                  ]}
                  data-testid="target-value"
                />
              ) : (
                <InputNumber<string>
                  stringMode
                  min={indicator.valueType === 'percent' ? '0' : undefined}
                  max={indicator.valueType === 'percent' ? '100' : undefined}
                  formatter={formatter}
                  parser={parser}
                  style={{ width: '100%' }}
                  data-testid="target-value"
                />
              )}
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Flex>
  );
}
