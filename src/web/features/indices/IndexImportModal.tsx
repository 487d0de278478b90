/**
 * Imports a composite index from Excel: the framework (Mã | Tên | Cấp | Thuộc | Trọng số | Chiều |
 * Điểm tối đa) or the peers' data (Mã chỉ tiêu | Đơn vị | Năm | Giá trị). First a check listing
 * every error by row and column, then the import; with any error nothing is written.
 */
import { CheckCircleOutlined, InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Form, Input, Modal, Radio, Result, Row, Select, Switch, Tooltip, Typography, Upload, type UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useImportIndexData, useImportIndexFramework } from '../../api/indices';
import {
  INDEX_METHODS,
  INDEX_PEER_KINDS,
  type IndexFrameworkRow,
  type IndexImportResult,
  type IndexMethod,
  type IndexPeerKind,
} from '../../api/types';
import { ImportErrorTable } from '../../components/ImportErrorTable';
import { formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';

export type IndexImportKind = 'framework' | 'data';

const FRAMEWORK_CODE = /^[A-Za-z0-9_.-]{1,30}$/;

function isImportResult(value: unknown): value is IndexImportResult {
  return Boolean(value && typeof value === 'object' && Array.isArray((value as IndexImportResult).errors));
}

export interface IndexImportModalProps {
  open: boolean;
  kind: IndexImportKind;
  /** The framework of a data import (fixed when given), or the code proposed for a framework import. */
  code?: string;
  frameworks: IndexFrameworkRow[];
  onClose: () => void;
  /** After a framework import: go on with the data of that framework. */
  onImportData?: (code: string) => void;
}

export function IndexImportModal({ open, kind, code: initialCode, frameworks, onClose, onImportData }: IndexImportModalProps) {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const importFramework = useImportIndexFramework();
  const importData = useImportIndexData();
  const mutation = kind === 'framework' ? importFramework : importData;

  const existing = (code: string) => frameworks.find((item) => item.code.toUpperCase() === code.trim().toUpperCase());
  const initial = initialCode ? existing(initialCode) : undefined;
  const [code, setCode] = useState(initialCode ?? (kind === 'data' && frameworks.length === 1 ? frameworks[0].code : ''));
  const [name, setName] = useState('');
  const [method, setMethod] = useState<IndexMethod>(initial?.method ?? 'minmax');
  const [peerKind, setPeerKind] = useState<IndexPeerKind>(initial?.peerKind ?? 'province');
  const [outlierTreatment, setOutlierTreatment] = useState(initial?.outlierTreatment ?? false);
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [check, setCheck] = useState<{ result: IndexImportResult; signature: string } | null>(null);
  const [imported, setImported] = useState<{ result: IndexImportResult; code: string } | null>(null);

  const trimmedCode = code.trim();
  const codeValid = FRAMEWORK_CODE.test(trimmedCode);
  const replacing = kind === 'framework' && codeValid ? existing(trimmedCode) : undefined;
  const signature = useMemo(
    () => (file ? [kind, trimmedCode, name.trim(), method, peerKind, outlierTreatment, file.name, file.size, file.lastModified].join('|') : ''),
    [kind, trimmedCode, name, method, peerKind, outlierTreatment, file],
  );

  const changeCode = (value: string) => {
    setCode(value);
    // Re-importing an existing framework keeps its settings unless changed here.
    const found = kind === 'framework' ? existing(value) : undefined;
    if (found) {
      setMethod(found.method);
      setPeerKind(found.peerKind);
      setOutlierTreatment(found.outlierTreatment);
    }
  };

  const send = async (dryRun: boolean) => {
    if (!codeValid) {
      void message.error(kind === 'framework' ? t('indices.import.codeInvalid') : t('indices.import.chooseIndex'));
      return;
    }
    if (!file) {
      void message.error(t('import.fileRequired'));
      return;
    }
    try {
      const result =
        kind === 'framework'
          ? await importFramework.mutateAsync({ code: trimmedCode, name: name.trim() || undefined, method, peerKind, outlierTreatment, file, dryRun })
          : await importData.mutateAsync({ code: trimmedCode, file, dryRun });
      if (dryRun || !result.ok) setCheck({ result, signature });
      else {
        setImported({ result, code: result.framework?.code ?? trimmedCode });
        void message.success(t('indices.import.done', { count: formatNumber(result.created, language, 0) }));
      }
    } catch (error) {
      // A refused import (422) carries the same report as a check.
      if (error instanceof ApiError && isImportResult(error.details)) setCheck({ result: error.details, signature });
      else setCheck(null);
      void message.error(errorMessage(error));
    }
  };

  const isCheckCurrent = Boolean(check && file && check.signature === signature);
  const canImport = isCheckCurrent && Boolean(check?.result.ok) && (check?.result.errors.length ?? 0) === 0;
  const result = check?.result;
  const errors = result?.errors ?? [];
  const warnings = result?.warnings ?? [];
  const isDryRunPending = mutation.isPending && mutation.variables?.dryRun === true;
  const isImportPending = mutation.isPending && mutation.variables?.dryRun === false;

  const body = imported ? (
    <Result
      status="success"
      data-testid="index-import-success"
      title={t(kind === 'framework' ? 'indices.import.frameworkDone' : 'indices.import.dataDone', {
        count: formatNumber(imported.result.created, language, 0),
        code: imported.code,
      })}
      subTitle={kind === 'framework' ? t('indices.import.frameworkDoneHint') : undefined}
      extra={[
        kind === 'framework' && onImportData ? (
          <Button key="data" type="primary" onClick={() => onImportData(imported.code)} data-testid="index-import-next-data">
            {t('indices.importData')}
          </Button>
        ) : null,
        <Link key="open" to={`/indices/${encodeURIComponent(imported.code)}`} onClick={onClose} data-testid="index-import-open">
          <Button type={kind === 'data' ? 'primary' : 'default'}>{t('indices.openIndex')}</Button>
        </Link>,
      ]}
    />
  ) : (
    <Flex vertical gap={12}>
      <Form layout="vertical" component="div" requiredMark>
        {kind === 'framework' ? (
          <>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  label={t('indices.code')}
                  required
                  validateStatus={trimmedCode && !codeValid ? 'error' : undefined}
                  help={trimmedCode && !codeValid ? t('indices.import.codeInvalid') : undefined}
                  style={{ marginBottom: 12 }}
                >
                  <Input value={code} onChange={(event) => changeCode(event.target.value)} placeholder="PII" maxLength={30} data-testid="index-import-code" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('indices.name')} style={{ marginBottom: 12 }}>
                  <Input
                    value={name}
                    onChange={(event) => setName(event.target.value)}
                    placeholder={replacing ? replacing.name : t('indices.import.namePlaceholder')}
                    maxLength={300}
                    data-testid="index-import-name"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('indices.method')} style={{ marginBottom: 12 }}>
                  <Radio.Group
                    value={method}
                    onChange={(event) => setMethod(event.target.value as IndexMethod)}
                    optionType="button"
                    options={INDEX_METHODS.map((value) => ({
                      value,
                      label: <span data-testid={`index-import-method-${value}`}>{t(`indices.method.${value}`)}</span>,
                    }))}
                    data-testid="index-import-method"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('indices.peerKind')} style={{ marginBottom: 12 }}>
                  <Radio.Group
                    value={peerKind}
                    onChange={(event) => setPeerKind(event.target.value as IndexPeerKind)}
                    optionType="button"
                    options={INDEX_PEER_KINDS.map((value) => ({
                      value,
                      label: <span data-testid={`index-import-peer-kind-${value}`}>{t(`indices.peerKind.${value}`)}</span>,
                    }))}
                    data-testid="index-import-peer-kind"
                  />
                </Form.Item>
              </Col>
            </Row>
            {method === 'minmax' ? (
              <Flex gap={8} align="center" style={{ marginBottom: 4 }}>
                <Switch checked={outlierTreatment} onChange={setOutlierTreatment} size="small" data-testid="index-import-outliers" />
                <Typography.Text>{t('indices.outlierTreatment')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('indices.outlierTreatmentHint')}
                </Typography.Text>
              </Flex>
            ) : null}
            {replacing ? (
              <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('indices.import.replacing', { code: replacing.code, name: replacing.name })} />
            ) : null}
          </>
        ) : (
          <Form.Item label={t('indices.index')} required style={{ marginBottom: 0 }}>
            <Select<string>
              value={trimmedCode || undefined}
              onChange={(value) => setCode(value)}
              disabled={Boolean(initialCode)}
              placeholder={t('indices.import.chooseIndex')}
              options={frameworks.map((item) => ({ value: item.code, label: `${item.code} — ${item.name}` }))}
              style={{ width: '100%' }}
              data-testid="index-import-target"
            />
          </Form.Item>
        )}
      </Form>
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
        data-testid="index-import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.dropHint')}</p>
        <p className="ant-upload-hint" style={{ maxWidth: 720, margin: '0 auto' }}>
          {t(kind === 'framework' ? 'indices.import.frameworkHint' : 'indices.import.dataHint')}
        </p>
      </Upload.Dragger>
      <Flex gap={8} justify="flex-end" wrap>
        <Button
          icon={<SafetyCertificateOutlined />}
          onClick={() => void send(true)}
          loading={isDryRunPending}
          disabled={isImportPending}
          data-testid="index-import-dry-run"
        >
          {t('import.dryRun')}
        </Button>
        <Tooltip title={canImport ? undefined : t('import.checkFirst')}>
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            disabled={!canImport || mutation.isPending}
            loading={isImportPending}
            onClick={() => void send(false)}
            data-testid="index-import-submit"
          >
            {t('import.submit')}
          </Button>
        </Tooltip>
      </Flex>

      {result ? (
        <div data-testid="index-import-check">
          {!isCheckCurrent ? <Alert type="warning" showIcon title={t('indices.import.stale')} style={{ marginBottom: 12 }} /> : null}
          {errors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="index-import-has-errors"
              title={t('import.errorsTitle', { count: formatNumber(errors.length, language, 0) })}
              description={t('indicatorImport.errorsHint')}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="index-import-ready"
              title={t(kind === 'framework' ? 'indices.import.frameworkReady' : 'indices.import.dataReady', { count: formatNumber(result.created, language, 0) })}
            />
          )}
          {warnings.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="index-import-warnings"
              title={t('import.warnings', { count: formatNumber(warnings.length, language, 0) })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflowY: 'auto' }}>
                  {warnings.map((warning, index) => (
                    <li key={index}>{warning}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {errors.length > 0 ? (
            <ImportErrorTable errors={errors} testId="index-import-error-table" pageSize={20} scrollX={820} suggestionWidth={180} />
          ) : null}
        </div>
      ) : null}
    </Flex>
  );

  return (
    <Modal
      open={open}
      title={kind === 'framework' ? t('indices.importFramework') : initialCode ? t('indices.importDataFor', { code: initialCode }) : t('indices.importData')}
      onCancel={onClose}
      width={960}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose} data-testid="index-import-close">
          {t('action.close')}
        </Button>,
      ]}
    >
      <div data-testid={`index-import-modal-${kind}`}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('indicatorImport.subtitle')}
        </Typography.Paragraph>
        {body}
      </div>
    </Modal>
  );
}
