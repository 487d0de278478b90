/**
 * Imports the Department's existing project list from Excel (one row per project): first a check
 * that previews the projects and lists every error with its row, column and the closest names,
 * then the import — all or nothing.
 */
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { PageTitle } from '../../components/PageTitle';
import { formatNumber } from '../../format';
import { useLanguage } from '../../i18n';
import { projectApi, useImportProjects, type ProjectImportResult } from './api';
import { formatMonth, useAmount } from './ProjectTags';
import { useProjectText, type ProjectTextKey } from './text';

export default function ProjectImportPage() {
  const t = useProjectText();
  const { language } = useLanguage();
  const amount = useAmount();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<{ result: ProjectImportResult; file: File } | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const importProjects = useImportProjects();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    try {
      const result = await importProjects.mutateAsync({ file, dryRun });
      if (dryRun) setCheck({ result, file });
      else setImported(result.created);
    } catch (error) {
      if (error instanceof ApiError && error.details && typeof error.details === 'object' && Array.isArray((error.details as ProjectImportResult).errors)) {
        setCheck({ result: error.details as ProjectImportResult, file });
      } else {
        setFailure(errorMessage(error));
      }
    }
  };

  const result = check && check.file === file ? check.result : null;
  if (imported !== null) {
    return (
      <Result
        status="success"
        title={<span data-testid="project-import-success">{t('import.done', { count: formatNumber(imported, language, 0) })}</span>}
        extra={
          <Link to="/projects">
            <Button type="primary">{t('title')}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <div data-testid="project-import-page">
      <PageTitle
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void projectApi.template().catch((error: unknown) => message.error(errorMessage(error)))} data-testid="project-import-template">
            {t('import.template')}
          </Button>
        }
      />
      <Card size="small">
        <Alert type="info" showIcon title={t('import.columnsHint')} style={{ marginBottom: 12 }} />
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setCheck(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setCheck(null);
          }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          data-testid="project-import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.choose')}</p>
        </Upload.Dragger>
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button icon={<SafetyCertificateOutlined />} disabled={!file} loading={importProjects.isPending && !result} onClick={() => void run(true)} data-testid="project-import-check">
            {t('import.check')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} disabled={!result?.ok} loading={importProjects.isPending && Boolean(result)} onClick={() => void run(false)} data-testid="project-import-submit">
            {t('import.submit', { count: formatNumber(result?.created ?? 0, language, 0) })}
          </Button>
        </Flex>
        {failure ? <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} data-testid="project-import-failure" /> : null}
      </Card>
      {result ? (
        <Card size="small" style={{ marginTop: 12 }}>
          {result.warnings.map((warning) => (
            <Alert key={warning} type="warning" showIcon title={warning} style={{ marginBottom: 8 }} />
          ))}
          {result.ok ? (
            <>
              <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('import.ready', { count: formatNumber(result.created, language, 0) })} style={{ marginBottom: 12 }} data-testid="project-import-ready" />
              <Table
                size="small"
                rowKey="sheetRow"
                dataSource={result.projects}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="project-import-preview"
                columns={[
                  { title: t('import.row'), dataIndex: 'sheetRow', width: 60 },
                  { title: t('column.code'), dataIndex: 'code', width: 120 },
                  { title: t('column.title'), dataIndex: 'title' },
                  { title: t('column.level'), dataIndex: 'level', width: 80, render: (value: string) => t(`level.${value}` as ProjectTextKey) },
                  { title: t('column.host'), dataIndex: 'hostName', width: 200 },
                  { title: t('column.stage'), dataIndex: 'stageName', width: 160 },
                  { title: t('detail.period'), key: 'period', width: 140, render: (_value, row) => `${formatMonth(row.startMonth)} – ${formatMonth(row.endMonth)}` },
                  { title: t('column.budget'), dataIndex: 'budgetTotal', width: 100, align: 'right', render: (value: number) => amount(value) },
                ]}
              />
            </>
          ) : (
            <>
              <Alert type="error" showIcon title={t('import.errors', { count: formatNumber(result.errors.length, language, 0) })} style={{ marginBottom: 12 }} data-testid="project-import-has-errors" />
              <Table
                size="small"
                rowKey={(row) => `${row.row}-${row.column}-${row.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                data-testid="project-import-errors"
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 60, render: (value: number | null) => value ?? '—' },
                  { title: t('import.column'), key: 'column', width: 160, render: (_value, row) => (row.column ? `${row.column} — ${row.header ?? ''}` : '—') },
                  { title: t('import.value'), dataIndex: 'value', width: 180, render: (value: string | null) => <Typography.Text code>{value || '∅'}</Typography.Text> },
                  { title: t('import.message'), dataIndex: 'message' },
                  { title: t('import.suggestions'), dataIndex: 'suggestions', width: 220, render: (values: string[]) => values.map((value) => <Tag key={value}>{value}</Tag>) },
                ]}
              />
            </>
          )}
        </Card>
      ) : null}
    </div>
  );
}
