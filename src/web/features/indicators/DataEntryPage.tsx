/**
 * Data entry (nhập số liệu), in the spirit of DHIS2: choose an organization and a period, enter one
 * value per indicator, save a draft or send it for approval. Approvers decide on sent values here
 * too. Organization and period live in the address bar.
 */
import { QuestionCircleOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { useDataEntry, useSaveDataEntry } from '../../api/indicators';
import type { DataEntry, DataEntryInput, DataEntryItem } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { EMPTY_VALUE, formatDate, formatDateTime, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndicatorNav } from './IndicatorNav';
import { ValueStatusTag } from './IndicatorTags';
import { PROVINCE_CODE } from './organizations';
import { PeriodPicker } from './PeriodPicker';
import { parsePeriod, periodContaining, periodLabel } from './periods';
import { HistoryLink, ValueDecisionButtons, ValueRevisionsDrawer } from './ValueActions';
import { formatIndicatorValue, formatTarget, numberInputFormat } from './values';

/** What the user typed in a row: the value as a decimal string ('' = empty) and the note. */
interface RowEdit {
  value?: string;
  note?: string;
}

const ENTRY_KINDS = ['month', 'quarter', 'year'] as const;

function serverValueText(item: DataEntryItem): string {
  const value = item.value?.value;
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Error messages per indicator code from a refused save: the API's `details` may list
 * `{indicatorCode, message}` entries, or validation issues with a path like `values.2.value`.
 */
function rowErrorsFrom(error: unknown, sent: DataEntryInput['values']): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 4) return;
    if (Array.isArray(node)) {
      node.forEach((child) => visit(child, depth + 1));
      return;
    }
    const record = node as Record<string, unknown>;
    const text = typeof record.message === 'string' ? record.message : null;
    const code =
      typeof record.indicatorCode === 'string'
        ? record.indicatorCode
        : typeof record.code === 'string' && sent.some((value) => value.indicatorCode === record.code)
          ? record.code
          : null;
    const rawPath = record.path ?? record.field;
    const path = Array.isArray(rawPath) ? rawPath.map(String) : typeof rawPath === 'string' ? rawPath.split('.') : null;
    if (text && code) {
      result[code] = result[code] ? `${result[code]} ${text}` : text;
    } else if (text && path) {
      const position = path.indexOf('values');
      const index = position >= 0 ? Number(path[position + 1]) : NaN;
      const target = Number.isInteger(index) ? sent[index] : undefined;
      if (target) result[target.indicatorCode] = text;
    }
    for (const key of ['errors', 'items', 'values', 'issues', 'details']) visit(record[key], depth + 1);
  };
  visit(error.details, 0);
  return result;
}

export default function DataEntryPage() {
  const t = useT();
  const { language } = useLanguage();
  const { message, modal } = App.useApp();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const defaultOrg = me.data?.roles[0]?.organizationCode ?? (me.data ? PROVINCE_CODE : undefined);
  const org = searchParams.get('org') || defaultOrg;
  const periodParam = searchParams.get('period');
  const parsedPeriod = parsePeriod(periodParam);
  const period = parsedPeriod && parsedPeriod.kind !== 'half' ? (periodParam as string) : periodContaining('quarter');
  const entry = useDataEntry(org, period);
  const save = useSaveDataEntry();
  const [edits, setEdits] = useState<{ key: string; rows: Record<string, RowEdit> }>({ key: '', rows: {} });
  const [rowErrors, setRowErrors] = useState<{ key: string; rows: Record<string, string> }>({ key: '', rows: {} });
  const [saveError, setSaveError] = useState<{ key: string; text: string } | null>(null);
  const [history, setHistory] = useState<{ id: string | number; indicatorName: string; valueType: DataEntryItem['indicator']['valueType'] } | null>(null);
  const formKey = `${org ?? ''}|${period}`;
  const rowsEdits = edits.key === formKey ? edits.rows : {};
  const errors = rowErrors.key === formKey ? rowErrors.rows : {};
  const data: DataEntry | undefined = entry.data;
  const locked = Boolean(data?.locked);
  const { formatter, parser } = numberInputFormat(language);

  const editableItems = useMemo(() => (data?.items ?? []).filter((item) => item.canEdit && !locked), [data, locked]);
  const effectiveValue = (item: DataEntryItem): string => rowsEdits[item.indicator.code]?.value ?? serverValueText(item);
  const effectiveNote = (item: DataEntryItem): string => rowsEdits[item.indicator.code]?.note ?? item.value?.note ?? '';
  const isChanged = (item: DataEntryItem): boolean =>
    effectiveValue(item) !== serverValueText(item) || effectiveNote(item) !== (item.value?.note ?? '');
  const changedCount = editableItems.filter(isChanged).length;

  const setRow = (code: string, change: RowEdit) => {
    setEdits((current) => {
      const rows = current.key === formKey ? current.rows : {};
      return { key: formKey, rows: { ...rows, [code]: { ...rows[code], ...change } } };
    });
    if (errors[code]) {
      setRowErrors((current) => {
        const rows = { ...(current.key === formKey ? current.rows : {}) };
        delete rows[code];
        return { key: formKey, rows };
      });
    }
  };

  const changeSelection = (changes: Record<string, string | undefined>) => {
    const apply = () => {
      const next = new URLSearchParams(searchParams);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      setSearchParams(next, { replace: true });
    };
    if (changedCount > 0) {
      modal.confirm({
        title: t('entry.discardTitle'),
        content: t('entry.discardText', { count: formatNumber(changedCount, language, 0) }),
        okText: t('action.agree'),
        cancelText: t('action.cancel'),
        onOk: apply,
      });
    } else {
      apply();
    }
  };

  /** The client-side check of a row (a number; a percentage within 0..100; yes/no), or null. */
  const checkRow = (item: DataEntryItem): string | null => {
    if (!isChanged(item)) return null;
    const text = effectiveValue(item);
    // The API keeps a saved value until it is replaced: it cannot be emptied.
    if (text === '') return serverValueText(item) !== '' ? t('entry.cannotClear') : null;
    const value = Number(text);
    if (!Number.isFinite(value)) return t('entry.notANumber');
    if (item.indicator.valueType === 'percent' && (value < 0 || value > 100)) return t('entry.percentRange');
    if (item.indicator.valueType === 'yes_no' && value !== 0 && value !== 1) return t('entry.yesNoOnly');
    return null;
  };

  /** The message under a row's input: a server error, else the live client-side check. */
  const rowError = (item: DataEntryItem): string | null => errors[item.indicator.code] ?? (item.canEdit && !locked ? checkRow(item) : null);

  const validate = (items: DataEntryItem[]): Record<string, string> => {
    const found: Record<string, string> = {};
    for (const item of items) {
      const problem = checkRow(item);
      if (problem) found[item.indicator.code] = problem;
    }
    return found;
  };

  const send = async (submit: boolean) => {
    if (!data || !org) return;
    // A draft saves what changed; sending also sends the drafts and returned values already saved.
    const rows = editableItems.filter((item) =>
      submit ? isChanged(item) || (effectiveValue(item) !== '' && item.value?.status !== 'submitted' && item.value?.status !== 'approved') : isChanged(item),
    );
    // A row with only a note and no value cannot be saved: the value is what is reported.
    const noteOnly = rows.filter((item) => effectiveValue(item) === '' && serverValueText(item) === '');
    if (noteOnly.length > 0) {
      setRowErrors({ key: formKey, rows: Object.fromEntries(noteOnly.map((item) => [item.indicator.code, t('entry.valueRequired')])) });
      void message.error(t('entry.fixErrors', { count: formatNumber(noteOnly.length, language, 0) }));
      return;
    }
    if (rows.length === 0) {
      void message.info(submit ? t('entry.nothingToSubmit') : t('entry.nothingToSave'));
      return;
    }
    const found = validate(rows);
    if (Object.keys(found).length > 0) {
      setRowErrors({ key: formKey, rows: found });
      void message.error(t('entry.fixErrors', { count: formatNumber(Object.keys(found).length, language, 0) }));
      return;
    }
    const values: DataEntryInput['values'] = rows.map((item) => {
      const note = effectiveNote(item).trim();
      const noteChanged = note !== (item.value?.note ?? '').trim();
      return {
        indicatorCode: item.indicator.code,
        value: Number(effectiveValue(item)),
        // An emptied note is sent as '' so that it is cleared; an unchanged one is left out.
        ...(noteChanged || note ? { note } : {}),
        ...(item.value ? { version: item.value.version } : {}),
      };
    });
    try {
      await save.mutateAsync({ orgCode: org, period, submit, values });
      setEdits({ key: formKey, rows: {} });
      setRowErrors({ key: formKey, rows: {} });
      setSaveError(null);
      void message.success(t(submit ? 'entry.submitted' : 'entry.saved', { count: formatNumber(values.length, language, 0) }));
    } catch (error) {
      const perRow = rowErrorsFrom(error, values);
      setRowErrors({ key: formKey, rows: perRow });
      setSaveError({ key: formKey, text: errorMessage(error) });
      if (error instanceof ApiError && error.isConflict) {
        modal.confirm({
          title: t('conflict.title'),
          content: error.message,
          okText: t('action.reload'),
          cancelText: t('action.close'),
          onOk: () => {
            setEdits({ key: formKey, rows: {} });
            setSaveError(null);
            void entry.refetch();
          },
        });
      } else {
        void message.error(errorMessage(error));
      }
    }
  };

  const confirmSubmit = () => {
    const empty = editableItems.filter((item) => effectiveValue(item) === '' && item.value?.status !== 'approved').length;
    modal.confirm({
      title: t('entry.submitConfirmTitle', { period: periodLabel(data?.period ?? period, language) }),
      content: (
        <>
          <Typography.Paragraph style={{ marginBottom: empty ? 8 : 0 }}>{t('entry.submitConfirmText')}</Typography.Paragraph>
          {empty > 0 ? <Typography.Text type="warning">{t('entry.emptyRows', { count: formatNumber(empty, language, 0) })}</Typography.Text> : null}
        </>
      ),
      okText: t('entry.submit'),
      cancelText: t('action.cancel'),
      onOk: () => send(true),
    });
  };

  const openHistory = (item: DataEntryItem) => {
    if (item.value) setHistory({ id: item.value.id, indicatorName: item.indicator.name, valueType: item.indicator.valueType });
  };

  const counts = useMemo(() => {
    const items = data?.items ?? [];
    return {
      total: items.length,
      entered: items.filter((item) => item.value && item.value.value !== null).length,
      submitted: items.filter((item) => item.value?.status === 'submitted').length,
      approved: items.filter((item) => item.value?.status === 'approved').length,
    };
  }, [data]);

  const valueInput = (item: DataEntryItem) => {
    const code = item.indicator.code;
    const disabled = !item.canEdit || locked;
    const status = rowError(item) ? 'error' : undefined;
    const testId = `entry-value-${code}`;
    if (item.indicator.valueType === 'yes_no') {
      const text = effectiveValue(item);
      return (
        <Select<string>
          value={text === '' ? undefined : text === '0' ? '0' : '1'}
          onChange={(value) => setRow(code, { value: value ?? '' })}
          allowClear
          disabled={disabled}
          status={status}
          placeholder={EMPTY_VALUE}
          options={[
            { value: '1', label: t('entry.yes') },
            { value: '0', label: t('entry.no') },
          ]}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    }
    const isPercent = item.indicator.valueType === 'percent';
    return (
      <InputNumber<string>
        stringMode
        value={effectiveValue(item) || null}
        onChange={(value) => setRow(code, { value: value ?? '' })}
        formatter={formatter}
        parser={parser}
        disabled={disabled}
        status={status}
        suffix={isPercent ? '%' : undefined}
        controls={false}
        style={{ width: '100%' }}
        aria-label={item.indicator.name}
        data-testid={testId}
      />
    );
  };

  const pageBody = () => {
    if (!org) return <LoadingState rows={8} />;
    if (entry.isLoading) return <LoadingState rows={8} />;
    if (entry.isError && !data) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
    if (!data) return <EmptyState description={t('entry.chooseOrgPeriod')} />;
    return (
      <>
        {locked ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="entry-locked"
            title={data.lockDate ? t('entry.locked', { date: formatDate(data.lockDate) }) : t('entry.lockedNoDate')}
            description={t('entry.lockedHint')}
          />
        ) : data.lockDate ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="entry-lock-date" title={t('entry.locksOn', { date: formatDate(data.lockDate) })} />
        ) : null}
        {!locked && data.items.length > 0 && editableItems.length === 0 && data.items.some((item) => !item.value || item.value.status === 'draft' || item.value.status === 'returned') ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="entry-read-only" title={t('entry.readOnly')} />
        ) : null}
        {saveError && saveError.key === formKey ? (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setSaveError(null) }}
            style={{ marginBottom: 12 }}
            data-testid="entry-error"
            title={t('entry.errorsTitle')}
            description={saveError.text}
          />
        ) : null}
        <Card size="small">
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary" data-testid="entry-summary">
              {t('entry.summary', {
                org: data.org?.name ?? org,
                period: periodLabel(data.period || period, language),
                total: formatNumber(counts.total, language, 0),
                entered: formatNumber(counts.entered, language, 0),
                submitted: formatNumber(counts.submitted, language, 0),
                approved: formatNumber(counts.approved, language, 0),
              })}
            </Typography.Text>
            {editableItems.some((item) => item.indicator.valueType !== 'yes_no') ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('entry.numberHint')}
              </Typography.Text>
            ) : null}
          </Flex>
          <Table<DataEntryItem>
            data-testid="entry-table"
            size="small"
            rowKey={(item) => item.indicator.code}
            dataSource={data.items}
            loading={entry.isFetching && !save.isPending}
            pagination={false}
            scroll={{ x: 1360 }}
            locale={{ emptyText: <EmptyState description={t('entry.noItems')} /> }}
            onRow={(item) => ({ 'data-testid': `entry-row-${item.indicator.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('indicator.name'),
                key: 'indicator',
                width: 300,
                render: (_value, item) => (
                  <Flex vertical gap={2}>
                    <span>
                      <Link to={`/indicators/${encodeURIComponent(item.indicator.code)}`}>{item.indicator.name}</Link>
                      {item.indicator.guidance ? (
                        <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{item.indicator.guidance}</span>}>
                          <QuestionCircleOutlined
                            style={{ color: '#8c8c8c', marginInlineStart: 6, cursor: 'help' }}
                            aria-label={t('indicator.guidance')}
                            data-testid={`entry-guidance-${item.indicator.code}`}
                          />
                        </Tooltip>
                      ) : null}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.indicator.code}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { title: t('indicator.unit'), key: 'unit', width: 100, render: (_value, item) => item.indicator.unit || EMPTY_VALUE },
              {
                title: t('entry.previous'),
                key: 'previous',
                width: 100,
                align: 'right',
                render: (_value, item) => formatIndicatorValue(item.previousValue, item.indicator.valueType, language),
              },
              {
                title: t('indicator.target'),
                key: 'target',
                width: 120,
                align: 'right',
                render: (_value, item) => formatTarget(item.target, item.comparator, item.indicator.valueType, language),
              },
              {
                title: t('entry.value'),
                key: 'value',
                width: 170,
                render: (_value, item) => (
                  <Flex vertical gap={2}>
                    {valueInput(item)}
                    {rowError(item) ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`entry-error-${item.indicator.code}`}>
                        {rowError(item)}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                title: t('indicator.status'),
                key: 'status',
                width: 150,
                render: (_value, item) => (
                  <Flex vertical gap={2} align="flex-start">
                    <ValueStatusTag status={item.value?.status} reason={item.value?.returnReason} />
                    {item.value?.status === 'returned' && item.value.returnReason ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {item.value.returnReason}
                      </Typography.Text>
                    ) : null}
                    {isChanged(item) && item.canEdit && !locked ? (
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {t('entry.changed')}
                      </Typography.Text>
                    ) : item.value?.updatedAt ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(item.value.updatedAt)}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                title: t('entry.note'),
                key: 'note',
                width: 200,
                render: (_value, item) =>
                  !item.canEdit || locked ? (
                    <Typography.Text type={item.value?.note ? undefined : 'secondary'}>{item.value?.note || EMPTY_VALUE}</Typography.Text>
                  ) : (
                    <Input.TextArea
                      value={effectiveNote(item)}
                      onChange={(event) => setRow(item.indicator.code, { note: event.target.value })}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={1000}
                      aria-label={t('entry.note')}
                      data-testid={`entry-note-${item.indicator.code}`}
                    />
                  ),
              },
              {
                title: '',
                key: 'actions',
                width: 200,
                render: (_value, item) => (
                  <Flex vertical gap={4} align="flex-start">
                    {item.canApprove && item.value?.status === 'submitted' ? (
                      <ValueDecisionButtons
                        testSuffix={item.indicator.code}
                        value={{
                          id: item.value.id,
                          version: item.value.version,
                          indicatorName: item.indicator.name,
                          valueText: formatIndicatorValue(item.value.value, item.indicator.valueType, language),
                        }}
                      />
                    ) : null}
                    {item.value && item.value.id !== undefined && item.value.id !== null ? (
                      <HistoryLink testId={`entry-history-${item.indicator.code}`} onClick={() => openHistory(item)} />
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
            <Typography.Text type={changedCount > 0 ? 'warning' : 'secondary'} data-testid="entry-unsaved">
              {changedCount > 0 ? t('entry.unsaved', { count: formatNumber(changedCount, language, 0) }) : t('entry.allSaved')}
            </Typography.Text>
            <Space>
              <Button
                icon={<SaveOutlined />}
                onClick={() => void send(false)}
                disabled={locked || editableItems.length === 0 || (save.isPending && save.variables?.submit === true)}
                loading={save.isPending && save.variables?.submit === false}
                data-testid="entry-save-draft"
              >
                {t('entry.saveDraft')}
              </Button>
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={confirmSubmit}
                disabled={locked || editableItems.length === 0 || (save.isPending && save.variables?.submit === false)}
                loading={save.isPending && save.variables?.submit === true}
                data-testid="entry-submit"
              >
                {t('entry.submit')}
              </Button>
            </Space>
          </Flex>
        </Card>
      </>
    );
  };

  return (
    <div data-testid="data-entry-page">
      <IndicatorNav current="entry" />
      <PageTitle title={t('indicator.nav.entry')} subtitle={t('entry.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Flex gap={8} align="center">
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('entry.organization')}
            </Typography.Text>
            <OrganizationTreeSelect
              value={org}
              onChange={(value) => changeSelection({ org: value })}
              allowClear={false}
              activeOnly
              style={{ width: 340 }}
              data-testid="entry-org"
            />
          </Flex>
          <Flex gap={8} align="center">
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('indicator.reportingPeriod')}
            </Typography.Text>
            <PeriodPicker value={period} onChange={(value) => changeSelection({ period: value })} kinds={[...ENTRY_KINDS]} testId="entry-period" />
          </Flex>
        </Flex>
      </Card>
      {pageBody()}
      <ValueRevisionsDrawer target={history} onClose={() => setHistory(null)} />
    </div>
  );
}
