/**
 * Imports a directive's task table from Excel: first a dry run that previews the tasks and lists
 * every error (an unknown organization name can be mapped once, kept as an alias), then the import.
 */
import { CheckCircleOutlined, InboxOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useDirectives } from '../../api/directives';
import { useImportTasks } from '../../api/imports';
import { ORGANIZATION_GROUPS, useAddOrganizationAlias, useOrganizationTree } from '../../api/organizations';
import type { ImportError, ImportPreviewTask, ImportResult, OrganizationNode } from '../../api/types';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { flattenOrganizationTree } from '../../components/organization-tree';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { ImportErrorTable } from '../../components/ImportErrorTable';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { foldVietnamese } from '../../text';

interface ImportFormValues {
  directive: string;
  directiveTitle?: string;
  issued?: Dayjs;
  planEnd?: number;
  issuer?: string;
}

const UNKNOWN_NAME = /cơ quan, đơn vị\s*["“]([^"”]+)["”]/iu;

/**
 * The unknown organization name an error is about ("Không tìm thấy cơ quan, đơn vị "Sở ABC"…"),
 * or null for other errors. The message also quotes the column header, so the name is the quoted
 * text right after "cơ quan, đơn vị".
 */
function unknownOrganizationName(error: ImportError): string | null {
  const match = UNKNOWN_NAME.exec(error.message.normalize('NFC'));
  if (match) return match[1];
  return foldVietnamese(error.message).includes('khong tim thay co quan') ? error.value : null;
}

/** Mapping values for groups of organizations, as opposed to organization codes. */
const GROUP_PREFIX = 'group:';

/** Finds an organization by its exact name, short name or alias (accent-insensitive). */
function findOrganizationByName(organizations: OrganizationNode[], name: string): OrganizationNode | undefined {
  const folded = foldVietnamese(name);
  return organizations.find((organization) =>
    [organization.name, organization.shortName, ...(organization.aliases ?? [])].some((candidate) => candidate && foldVietnamese(candidate) === folded),
  );
}

function isImportResult(value: unknown): value is ImportResult {
  return Boolean(value && typeof value === 'object' && Array.isArray((value as ImportResult).errors));
}

export default function TaskImportPage() {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [searchParams] = useSearchParams();
  const initialNumber = searchParams.get('directive') ?? '';
  const [form] = Form.useForm<ImportFormValues>();
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<{ result: ImportResult; signature: string } | null>(null);
  const [imported, setImported] = useState<{ created: number; directive: string; result: ImportResult } | null>(null);
  const [mappings, setMappings] = useState<Record<string, string | undefined>>({});
  const [formValues, setFormValues] = useState<ImportFormValues>({ directive: initialNumber });
  const importTasks = useImportTasks();
  const addAlias = useAddOrganizationAlias();
  const tree = useOrganizationTree();
  const organizations = useMemo(() => flattenOrganizationTree(tree.data ?? []), [tree.data]);

  // Prefill from an existing directive when arriving with ?directive=NUMBER.
  const existing = useDirectives({ search: initialNumber, page: 1, pageSize: 10 }, { enabled: Boolean(initialNumber) });
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !initialNumber || !existing.data) return;
    prefilled.current = true;
    const match = existing.data.items.find((directive) => directive.number === initialNumber);
    if (match) {
      form.setFieldsValue({
        directiveTitle: match.title,
        issued: toDayjs(match.issuedOn),
        planEnd: match.planEndYear ?? undefined,
        issuer: match.issuerCode,
      });
      setFormValues(form.getFieldsValue(true) as ImportFormValues);
    }
  }, [existing.data, initialNumber, form]);

  const signatureOf = (values: ImportFormValues, chosen: File | null) =>
    JSON.stringify({
      directive: values.directive?.trim(),
      title: values.directiveTitle?.trim(),
      issued: fromDayjs(values.issued),
      planEnd: values.planEnd,
      issuer: values.issuer,
      file: chosen ? [chosen.name, chosen.size, chosen.lastModified] : null,
    });

  const currentSignature = signatureOf(formValues, file);
  const isCheckCurrent = check !== null && check.signature === currentSignature;
  const canImport = isCheckCurrent && check.result.ok && (check.result.errors ?? []).length === 0;

  const send = async (dryRun: boolean) => {
    const values = await form.validateFields();
    if (!file) {
      void message.error(t('import.fileRequired'));
      return;
    }
    const signature = signatureOf(values, file);
    try {
      const result = await importTasks.mutateAsync({
        file,
        directive: values.directive.trim(),
        directiveTitle: values.directiveTitle?.trim() || undefined,
        issued: fromDayjs(values.issued),
        planEnd: values.planEnd ?? undefined,
        issuer: values.issuer,
        dryRun,
      });
      if (dryRun || !result.ok) {
        setCheck({ result, signature });
      } else {
        setImported({ created: result.created, directive: values.directive.trim(), result });
      }
    } catch (error) {
      // A refused import (422) carries the same report as a dry run.
      if (error instanceof ApiError && isImportResult(error.details)) {
        setCheck({ result: error.details, signature });
      } else {
        setCheck(null);
      }
      void message.error(errorMessage(error));
    }
  };

  const groupOptions = useMemo(
    () => ORGANIZATION_GROUPS.map((group) => ({ value: `${GROUP_PREFIX}${group}`, title: t(`organizationGroup.${group}`) })),
    [t],
  );

  const saveAlias = async (name: string) => {
    const value = mappings[name];
    if (!value) return;
    try {
      if (value.startsWith(GROUP_PREFIX)) {
        const group = value.slice(GROUP_PREFIX.length) as (typeof ORGANIZATION_GROUPS)[number];
        await addAlias.mutateAsync({ name, group });
      } else {
        await addAlias.mutateAsync({ name, organizationCode: value });
      }
      const label = value.startsWith(GROUP_PREFIX)
        ? groupOptions.find((option) => option.value === value)?.title
        : organizations.find((candidate) => candidate.code === value)?.name;
      void message.success(t('import.aliasSaved', { name, organization: label ?? value }));
      await send(true);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  if (imported) {
    return (
      <ImportDone
        created={imported.created}
        directiveNumber={imported.directive}
        result={imported.result}
        onAgain={() => {
          setImported(null);
          setCheck(null);
          setFile(null);
          setFileList([]);
        }}
      />
    );
  }

  const result = check?.result;
  const errors = result?.errors ?? [];
  const warnings = result?.warnings ?? [];
  const preview = result?.tasks ?? [];

  return (
    <div data-testid="task-import-page">
      <PageTitle title={t('import.title')} subtitle={t('import.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<ImportFormValues>
          form={form}
          layout="vertical"
          initialValues={{ directive: initialNumber }}
          onValuesChange={(_changed, all) => setFormValues(all)}
          data-testid="import-form"
        >
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Form.Item label={t('import.file')} required>
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
                  <p className="ant-upload-hint">{t('import.fileHint')}</p>
                </Upload.Dragger>
              </Form.Item>
            </Col>
            <Col xs={24} lg={14}>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="directive"
                    label={t('directive.number')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input placeholder="57-NQ/TW" data-testid="import-directive-number" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="issued" label={t('directive.issuedOn')}>
                    <DatePicker format={DISPLAY_DATE} style={{ width: '100%' }} data-testid="import-issued" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="directiveTitle" label={t('directive.title')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="import-directive-title" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="issuer" label={t('directive.issuer')}>
                    <OrganizationTreeSelect activeOnly style={{ width: '100%' }} data-testid="import-issuer" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="planEnd" label={t('directive.planEndYear')} tooltip={t('import.planEndHint')}>
                    <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="import-plan-end" />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('import.newDirectiveHint')}
              </Typography.Text>
            </Col>
          </Row>
          <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 12 }}>
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={() => void send(true)}
              loading={importTasks.isPending && importTasks.variables?.dryRun === true}
              disabled={importTasks.isPending && importTasks.variables?.dryRun === false}
              data-testid="import-dry-run"
            >
              {t('import.dryRun')}
            </Button>
            <Tooltip title={canImport ? undefined : t('import.checkFirst')}>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={!canImport || importTasks.isPending}
                loading={importTasks.isPending && importTasks.variables?.dryRun === false}
                onClick={() => void send(false)}
                data-testid="import-submit"
              >
                {t('import.submit')}
              </Button>
            </Tooltip>
          </Flex>
        </Form>
      </Card>

      {result ? (
        <div data-testid="import-check-result">
          {!isCheckCurrent ? <Alert type="warning" showIcon title={t('import.stale')} style={{ marginBottom: 12 }} /> : null}
          {errors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-has-errors"
              title={t('import.errorsTitle', { count: formatNumber(errors.length, language, 0) })}
              description={t('import.errorsHint')}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-ready"
              title={t('import.readyTitle', { count: formatNumber(result.created, language, 0) })}
              description={result.containers > 0 ? t('import.readyContainers', { count: formatNumber(result.containers, language, 0) }) : undefined}
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
            <Card size="small" title={t('import.errorTable')} style={{ marginBottom: 12 }}>
              <ImportErrorTable
                errors={errors}
                testId="import-error-table"
                scrollX={1000}
                suggestionWidth={320}
                renderSuggestions={(error) => {
                      const name = unknownOrganizationName(error);
                      const suggestions = (error.suggestions ?? []).map((suggestion) => ({ name: suggestion, code: undefined as string | undefined }));
                      return (
                        <Flex vertical gap={6}>
                          {suggestions.length > 0 ? (
                            <Flex wrap gap={4}>
                              {suggestions.map((suggestion) => {
                                const code = suggestion.code ?? findOrganizationByName(organizations, suggestion.name)?.code;
                                return (
                                  <Tag
                                    key={suggestion.name}
                                    color={name && code && mappings[name] === code ? 'blue' : undefined}
                                    style={{ cursor: name && code ? 'pointer' : undefined }}
                                    onClick={() => {
                                      if (name && code) setMappings((current) => ({ ...current, [name]: code }));
                                    }}
                                  >
                                    {suggestion.name}
                                  </Tag>
                                );
                              })}
                            </Flex>
                          ) : null}
                          {name ? (
                            <Flex gap={6} align="center">
                              <OrganizationTreeSelect
                                activeOnly
                                extraOptions={groupOptions}
                                value={mappings[name]}
                                onChange={(code) => setMappings((current) => ({ ...current, [name]: code }))}
                                placeholder={t('import.mapTo', { name })}
                                style={{ flex: 1, minWidth: 160 }}
                                data-testid={`import-map-org-${error.index}`}
                              />
                              <Tooltip title={t('import.saveAliasHint', { name })}>
                                <Button
                                  icon={<SaveOutlined />}
                                  disabled={!mappings[name]}
                                  loading={addAlias.isPending && addAlias.variables?.name === name}
                                  onClick={() => void saveAlias(name)}
                                  data-testid={`import-map-save-${error.index}`}
                                >
                                  {t('import.saveAlias')}
                                </Button>
                              </Tooltip>
                            </Flex>
                          ) : suggestions.length === 0 ? (
                            '—'
                          ) : null}
                        </Flex>
                      );
                    }}
              />
            </Card>
          ) : null}
          {preview.length > 0 ? (
            <Card size="small" title={t('import.previewTable', { count: formatNumber(preview.length, language, 0) })}>
              <Table<ImportPreviewTask & { index: number }>
                data-testid="import-preview-table"
                size="small"
                rowKey="index"
                dataSource={preview.map((task, index) => ({ ...task, index }))}
                pagination={preview.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: 900 }}
                columns={[
                  { title: t('import.row'), dataIndex: 'sheetRow', width: 64, align: 'center' },
                  {
                    title: t('task.title'),
                    key: 'title',
                    render: (_value, task) => (
                      <Flex vertical gap={2}>
                        <span>
                          {task.title}
                          {task.container ? (
                            <Tag style={{ marginInlineStart: 6 }} variant="outlined">
                              {t('task.container')}
                            </Tag>
                          ) : null}
                        </span>
                        {task.group || task.subgroup ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {[task.group, task.subgroup].filter(Boolean).join(' · ')}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    ),
                  },
                  {
                    title: t('task.lead'),
                    key: 'lead',
                    width: 220,
                    render: (_value, task) => (task.container ? <Typography.Text type="secondary">{task.leadName || '—'}</Typography.Text> : task.leadName || task.leadCode || '—'),
                  },
                  {
                    title: t('task.coordinating'),
                    key: 'coordinating',
                    width: 220,
                    render: (_value, task) => [...(task.coordinating ?? []), ...(task.coordinationNotes ?? [])].join('; ') || '—',
                  },
                  {
                    title: t('task.deadline'),
                    key: 'deadline',
                    width: 130,
                    render: (_value, task) =>
                      task.isContinuous ? t('task.continuous') : task.deadline ? formatDate(task.deadline) : task.container ? '—' : t('task.continuous'),
                  },
                  { title: t('task.completedOn'), dataIndex: 'completedOn', width: 120, render: (value: string | null | undefined) => (value ? formatDate(value) : '—') },
                ]}
              />
            </Card>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function ImportDone({
  created,
  directiveNumber,
  result,
  onAgain,
}: {
  created: number;
  directiveNumber: string;
  result: ImportResult;
  onAgain: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const knownId = result.directive?.id ?? null;
  const lookup = useDirectives({ search: directiveNumber, page: 1, pageSize: 10 }, { enabled: knownId === null });
  const directiveId = knownId ?? lookup.data?.items.find((directive) => directive.number === directiveNumber)?.id;
  return (
    <Card>
      <Result
        status="success"
        data-testid="import-success"
        title={t('import.done', { count: formatNumber(created, language, 0) })}
        subTitle={t('import.doneSubtitle', { number: directiveNumber })}
        extra={[
          directiveId !== undefined ? (
            <Link key="directive" to={`/directives/${directiveId}`} data-testid="import-directive-link">
              <Button type="primary">{t('import.viewDirective')}</Button>
            </Link>
          ) : (
            <Link key="tasks" to="/tasks" data-testid="import-tasks-link">
              <Button type="primary">{t('menu.tasks')}</Button>
            </Link>
          ),
          <Button key="again" onClick={onAgain}>
            {t('import.again')}
          </Button>,
        ]}
      />
    </Card>
  );
}
