/**
 * Báo cáo: choose a scope (directive and/or organization) and a date or a reporting period, then
 * "Lập báo cáo" makes a draft to edit before signing, or "Xuất Word"/"Xuất Excel" downloads the
 * report at once; below, the drafts. A draft opens in the editor (`?draft=ID`).
 */
import { FileExcelOutlined, FileWordOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { AsOfPicker } from '../../components/AsOfPicker';
import { DirectiveSelect } from '../../components/DirectiveSelect';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { PeriodPicker } from '../indicators/PeriodPicker';
import { periodContaining } from '../indicators/periods';
import {
  downloadDraft,
  downloadReport,
  useCreateReportDraft,
  useDeleteReportDraft,
  useReportDrafts,
  type ReportDraftSummary,
  type ReportFormat,
  type ReportQuery,
} from './api';
import { ReportDraftEditor } from './ReportDraftEditor';

type DateMode = 'asOf' | 'period';

export default function ReportsPage() {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const draftId = searchParams.get('draft');

  const defaultOrg = me.data && !me.data.isSystemAdmin ? me.data.roles[0]?.organizationCode : undefined;
  const [directive, setDirective] = useState<string | undefined>(undefined);
  const [org, setOrg] = useState<string | undefined | null>(null);
  const [mode, setMode] = useState<DateMode>('asOf');
  const [asOf, setAsOf] = useState(todayInVietnam());
  const [period, setPeriod] = useState<string | undefined>(periodContaining('quarter'));
  const [downloading, setDownloading] = useState<ReportFormat | null>(null);
  const drafts = useReportDrafts();
  const create = useCreateReportDraft();
  const remove = useDeleteReportDraft();

  // Until the user picks, the organization is that of their first role (a report needs a scope).
  const chosenOrg = org === null ? defaultOrg : org;
  const query: ReportQuery = { directive, org: chosenOrg, ...(mode === 'asOf' ? { asOf } : { period }) };
  const hasScope = Boolean(directive || chosenOrg || me.data?.isSystemAdmin);

  const openDraft = (id: number | null) => {
    const next = new URLSearchParams(searchParams);
    if (id === null) next.delete('draft');
    else next.set('draft', String(id));
    setSearchParams(next);
  };

  const runCreate = async () => {
    try {
      const draft = await create.mutateAsync(query);
      void message.success(t('report.created'));
      openDraft(draft.id);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const runDownload = async (format: ReportFormat, download: () => Promise<void>) => {
    setDownloading(format);
    try {
      await download();
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  if (draftId) {
    return (
      <div data-testid="reports-page">
        <ReportDraftEditor id={draftId} onClose={() => openDraft(null)} />
      </div>
    );
  }

  const scopeText = (row: ReportDraftSummary) =>
    [row.scope.directive ? `${t('report.directive')}: ${row.scope.directive}` : null, row.scope.org ? `${t('report.organization')}: ${row.scope.org}` : null]
      .filter(Boolean)
      .join(' · ') || t('report.allTasks');

  return (
    <div data-testid="reports-page">
      <PageTitle title={t('report.title')} subtitle={t('report.subtitle')} />
      <Card title={t('report.newTitle')} size="small" style={{ marginBottom: 16 }} data-testid="report-form">
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <DirectiveSelect value={directive} onChange={setDirective} placeholder={t('report.allDirectives')} style={{ width: 360 }} data-testid="report-directive" />
            <OrganizationTreeSelect
              value={chosenOrg}
              onChange={(code) => setOrg(code)}
              placeholder={t('report.chooseOrganization')}
              allowClear
              style={{ width: 320 }}
              data-testid="report-org"
            />
          </Flex>
          <Flex gap={12} wrap align="center">
            <Radio.Group
              value={mode}
              onChange={(event) => setMode(event.target.value as DateMode)}
              optionType="button"
              options={[
                { value: 'asOf', label: t('report.byDate') },
                { value: 'period', label: t('report.byPeriod') },
              ]}
              data-testid="report-mode"
            />
            {mode === 'asOf' ? (
              <AsOfPicker value={asOf} onChange={setAsOf} testId="report-as-of" />
            ) : (
              <PeriodPicker value={period} onChange={setPeriod} testId="report-period" />
            )}
          </Flex>
          <Typography.Text type="secondary">{t('report.scopeHint')}</Typography.Text>
          <Flex gap={8} wrap>
            <Button type="primary" icon={<FormOutlined />} loading={create.isPending} disabled={!hasScope} onClick={() => void runCreate()} data-testid="report-create">
              {t('report.create')}
            </Button>
            <Button
              icon={<FileWordOutlined />}
              loading={downloading === 'docx'}
              disabled={!hasScope}
              onClick={() => void runDownload('docx', () => downloadReport(query, 'docx'))}
              data-testid="report-export-docx"
            >
              {t('report.exportWord')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={downloading === 'xlsx'}
              disabled={!hasScope}
              onClick={() => void runDownload('xlsx', () => downloadReport(query, 'xlsx'))}
              data-testid="report-export-xlsx"
            >
              {t('action.exportExcel')}
            </Button>
          </Flex>
        </Flex>
      </Card>

      <Card title={t('report.drafts')} size="small">
        {drafts.isError && !drafts.data ? (
          <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} />
        ) : (
          <Table<ReportDraftSummary>
            data-testid="report-drafts-table"
            size="small"
            rowKey="id"
            loading={drafts.isFetching}
            dataSource={drafts.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyState description={t('report.noDrafts')} /> }}
            onRow={(row) => ({ 'data-testid': `report-draft-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('report.subject'),
                dataIndex: 'title',
                render: (title: string, row) => (
                  <Flex vertical gap={2}>
                    <Typography.Link onClick={() => openDraft(row.id)} data-testid="report-draft-open">
                      {title}
                    </Typography.Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {scopeText(row)}
                      {row.number ? ` · ${t('report.number')} ${row.number}` : ''}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('report.asOf'),
                dataIndex: 'asOf',
                width: 130,
                render: (value: string, row) => (
                  <Flex vertical>
                    <span>{formatDate(value)}</span>
                    {row.period ? <Tag style={{ width: 'fit-content' }}>{row.period}</Tag> : null}
                  </Flex>
                ),
              },
              { title: t('report.tasks'), dataIndex: 'total', width: 100, align: 'right', render: (value: number) => formatNumber(value, language, 0) },
              {
                title: t('report.overdue'),
                dataIndex: 'overdue',
                width: 100,
                align: 'right',
                render: (value: number) => (value > 0 ? <Typography.Text type="danger">{formatNumber(value, language, 0)}</Typography.Text> : formatNumber(value, language, 0)),
              },
              { title: t('report.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (value: string) => formatDateTime(value) },
              {
                title: '',
                key: 'actions',
                width: 230,
                render: (_value, row) => (
                  <Flex gap={4} wrap>
                    <Button size="small" icon={<FileWordOutlined />} onClick={() => void runDownload('docx', () => downloadDraft(row.id, 'docx'))}>
                      Word
                    </Button>
                    <Button size="small" icon={<FileExcelOutlined />} onClick={() => void runDownload('xlsx', () => downloadDraft(row.id, 'xlsx'))}>
                      Excel
                    </Button>
                    {row.canEdit ? (
                      <Popconfirm
                        title={t('report.deleteConfirm', { title: row.title.slice(0, 80) })}
                        okText={t('action.remove')}
                        cancelText={t('action.cancel')}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(row.id);
                            void message.success(t('report.deleted'));
                          } catch (error) {
                            void message.error(errorMessage(error));
                          }
                        }}
                      >
                        <Button size="small" danger data-testid="report-draft-delete">
                          {t('action.remove')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
        {drafts.data && drafts.data.items.length > 0 ? (
          <Alert type="info" showIcon title={t('report.draftsHint')} style={{ marginTop: 12 }} />
        ) : null}
      </Card>
    </div>
  );
}
