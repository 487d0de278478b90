/**
 * Imports indicator workbooks from Excel: definitions (định nghĩa chỉ tiêu), values (số liệu) or
 * targets (chỉ tiêu kế hoạch). First a dry run listing every error by row and column, then the
 * import; with any error nothing is written.
 */
import { ArrowLeftOutlined, CheckCircleOutlined, InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Segmented, Tooltip, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useImportIndicators } from '../../api/indicators';
import { INDICATOR_IMPORT_KINDS, type IndicatorImportKind, type IndicatorImportResult } from '../../api/types';
import { ImportErrorTable } from '../../components/ImportErrorTable';
import { PageTitle } from '../../components/PageTitle';
import { formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndicatorNav } from './IndicatorNav';

function isImportResult(value: unknown): value is IndicatorImportResult {
  return Boolean(value && typeof value === 'object' && Array.isArray((value as IndicatorImportResult).errors));
}

function signatureOf(kind: IndicatorImportKind, file: File): string {
  return `${kind}|${file.name}|${file.size}|${file.lastModified}`;
}

export default function IndicatorImportPage() {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const kindParam = searchParams.get('kind') as IndicatorImportKind | null;
  const kind: IndicatorImportKind = kindParam && INDICATOR_IMPORT_KINDS.includes(kindParam) ? kindParam : 'indicator-values';
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [check, setCheck] = useState<{ result: IndicatorImportResult; signature: string } | null>(null);
  const [imported, setImported] = useState<IndicatorImportResult | null>(null);
  const importIndicators = useImportIndicators();

  const reset = () => {
    setFile(null);
    setFileList([]);
    setCheck(null);
    setImported(null);
  };

  const send = async (dryRun: boolean) => {
    if (!file) {
      void message.error(t('import.fileRequired'));
      return;
    }
    const signature = signatureOf(kind, file);
    try {
      const result = await importIndicators.mutateAsync({ kind, file, dryRun });
      if (dryRun || !result.ok) setCheck({ result, signature });
      else setImported(result);
    } catch (error) {
      // A refused import (422) carries the same report as a dry run.
      if (error instanceof ApiError && isImportResult(error.details)) setCheck({ result: error.details, signature });
      else setCheck(null);
      void message.error(errorMessage(error));
    }
  };

  const isCheckCurrent = Boolean(check && file && check.signature === signatureOf(kind, file));
  const canImport = isCheckCurrent && Boolean(check?.result.ok) && (check?.result.errors.length ?? 0) === 0;
  const result = check?.result;
  const errors = result?.errors ?? [];
  const warnings = result?.warnings ?? [];

  if (imported) {
    return (
      <div data-testid="indicator-import-page">
        <IndicatorNav current="catalogue" />
        <Card>
          <Result
            status="success"
            data-testid="import-success"
            title={t('indicatorImport.done', { count: formatNumber(imported.created, language, 0) })}
            subTitle={kind === 'indicator-values' ? t('indicatorImport.valuesApprovedNote') : undefined}
            extra={[
              <Link key="list" to="/indicators" data-testid="import-indicators-link">
                <Button type="primary">{t('indicator.nav.catalogue')}</Button>
              </Link>,
              <Button key="again" onClick={reset}>
                {t('import.again')}
              </Button>,
            ]}
          />
        </Card>
      </div>
    );
  }

  return (
    <div data-testid="indicator-import-page">
      <IndicatorNav current="catalogue" />
      <PageTitle
        title={t(`indicatorImport.title.${kind}`)}
        subtitle={t('indicatorImport.subtitle')}
        extra={
          <Link to="/indicators">
            <Button icon={<ArrowLeftOutlined />}>{t('action.back')}</Button>
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex vertical gap={12}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">{t('indicatorImport.kind')}</Typography.Text>
            <Segmented<IndicatorImportKind>
              value={kind}
              onChange={(value) => {
                setCheck(null);
                setSearchParams({ kind: value }, { replace: true });
              }}
              options={INDICATOR_IMPORT_KINDS.map((value) => ({
                value,
                label: <span data-testid={`import-kind-${value}`}>{t(`indicatorImport.kind.${value}`)}</span>,
              }))}
              data-testid="import-kind"
            />
          </Flex>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setFileList([{ uid: chosen.uid, name: chosen.name, size: chosen.size, status: 'done' }]);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setFileList([]);
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.dropHint')}</p>
            <p className="ant-upload-hint" style={{ maxWidth: 760, margin: '0 auto' }}>
              {t(`indicatorImport.hint.${kind}`)}
            </p>
          </Upload.Dragger>
          <Flex gap={8} justify="flex-end" wrap>
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={() => void send(true)}
              loading={importIndicators.isPending && importIndicators.variables?.dryRun === true}
              disabled={importIndicators.isPending && importIndicators.variables?.dryRun === false}
              data-testid="import-dry-run"
            >
              {t('import.dryRun')}
            </Button>
            <Tooltip title={canImport ? undefined : t('import.checkFirst')}>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={!canImport || importIndicators.isPending}
                loading={importIndicators.isPending && importIndicators.variables?.dryRun === false}
                onClick={() => void send(false)}
                data-testid="import-submit"
              >
                {t('import.submit')}
              </Button>
            </Tooltip>
          </Flex>
        </Flex>
      </Card>

      {result ? (
        <div data-testid="import-check-result">
          {!isCheckCurrent ? <Alert type="warning" showIcon title={t('indicatorImport.stale')} style={{ marginBottom: 12 }} /> : null}
          {errors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-has-errors"
              title={t('import.errorsTitle', { count: formatNumber(errors.length, language, 0) })}
              description={t('indicatorImport.errorsHint')}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-ready"
              title={t('indicatorImport.readyTitle', { count: formatNumber(result.created, language, 0) })}
            />
          )}
          {warnings.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('import.warnings', { count: formatNumber(warnings.length, language, 0) })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {warnings.map((warning, index) => (
                    <li key={index}>{warning}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {errors.length > 0 ? (
            <Card size="small" title={t('import.errorTable')}>
              <ImportErrorTable errors={errors} testId="import-error-table" />
            </Card>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
