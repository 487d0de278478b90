/**
 * A report draft: the officer writes the narrative of each section (plain text, one paragraph per
 * line, **bold** and *italic*), the number and the signature; the numbers are computed and shown
 * read-only. "Cập nhật số liệu" computes them again for the same scope and date and lists what
 * changed; "Xuất Word"/"Xuất Excel" save first, then download.
 */
import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, List, Row, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { StatisticsCards } from '../../components/StatisticsCards';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { taskListLink, timelinessParams } from '../tasks/task-links';
import {
  downloadDraft,
  useRegenerateReportDraft,
  useReportDraft,
  useUpdateReportDraft,
  type ReportDraft,
  type ReportFormat,
  type ReportSections,
} from './api';

type NarrativeKey = 'leadership' | 'results' | 'limitations' | 'priorities' | 'proposals';

const SECTIONS: { key: NarrativeKey; title: MessageKey; placeholder: MessageKey }[] = [
  { key: 'leadership', title: 'report.section.leadership', placeholder: 'report.placeholder.leadership' },
  { key: 'results', title: 'report.section.results', placeholder: 'report.placeholder.results' },
  { key: 'limitations', title: 'report.section.limitations', placeholder: 'report.placeholder.limitations' },
  { key: 'priorities', title: 'report.section.priorities', placeholder: 'report.placeholder.priorities' },
  { key: 'proposals', title: 'report.section.proposals', placeholder: 'report.placeholder.proposals' },
];

interface FormValues extends Omit<ReportSections, 'reportDate'> {
  number: string;
  reportDate: ReturnType<typeof toDayjs> | null;
}

function toForm(draft: ReportDraft): FormValues {
  return { ...draft.sections, number: draft.number ?? '', reportDate: toDayjs(draft.sections.reportDate) ?? null };
}

/** What the system computed for a section, in a sentence or a short list (read-only). */
function ComputedPart({ draft, section }: { draft: ReportDraft; section: NarrativeKey }) {
  const t = useT();
  const { language } = useLanguage();
  const { figures } = draft;
  const count = (value: number) => formatNumber(value, language, 0);
  let body: React.ReactNode;
  if (section === 'leadership') {
    body = t('report.computed.leadership', { total: count(figures.counts.total), due: count(figures.counts.due) });
  } else if (section === 'results') {
    body = t('report.computed.results', { count: count(figures.tasks.length) });
  } else if (section === 'limitations') {
    const overdue = figures.tasks.filter((task) => task.timeliness === 'overdue').sort((a, b) => (b.overdueDays ?? 0) - (a.overdueDays ?? 0));
    const difficulties = figures.tasks.filter((task) => task.update?.difficulties);
    body = (
      <>
        <div>{t('report.computed.overdue', { count: count(overdue.length) })}</div>
        <List
          size="small"
          dataSource={overdue.slice(0, 10)}
          renderItem={(task) => (
            <List.Item style={{ padding: '2px 0' }}>
              {task.title} — <i>{task.leadName}</i>: {t('timeliness.overdueDays', { days: count(task.overdueDays ?? 0) })}
            </List.Item>
          )}
        />
        <div>{t('report.computed.difficulties', { count: count(difficulties.length) })}</div>
      </>
    );
  } else if (section === 'priorities') {
    const due = figures.tasks.filter((task) => task.timeliness === 'in_progress' && task.deadline !== null && task.deadline <= figures.nextPeriod.to);
    body = t('report.computed.next', { label: figures.nextPeriod.label, count: count(due.length) });
  } else {
    const proposals = figures.tasks.filter((task) => task.update?.proposals);
    body = (
      <>
        <div>{t('report.computed.proposals', { count: count(proposals.length) })}</div>
        <List
          size="small"
          dataSource={proposals.slice(0, 10)}
          renderItem={(task) => (
            <List.Item style={{ padding: '2px 0' }}>
              <i>{task.leadName}</i>: {task.update?.proposals}
            </List.Item>
          )}
        />
      </>
    );
  }
  return (
    <div style={{ background: '#f6f8fb', padding: '8px 12px', borderRadius: 6, marginTop: 8 }} data-testid={`report-computed-${section}`}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('report.computed')}
      </Typography.Text>
      <div>{body}</div>
    </div>
  );
}

export function ReportDraftEditor({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const draft = useReportDraft(id);
  const update = useUpdateReportDraft();
  const regenerate = useRegenerateReportDraft();
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'regenerate' | ReportFormat | null>(null);
  const data = draft.data;

  // A new version from the server (saved, regenerated) replaces what the form shows.
  useEffect(() => {
    if (data) {
      form.setFieldsValue(toForm(data));
      setDirty(false);
    }
  }, [data, form]);

  const directiveId = data?.figures.scope.directives.length === 1 ? data.figures.scope.directives[0].id : undefined;
  const linkFor = useMemo(
    () => (filter: Parameters<typeof timelinessParams>[0]) =>
      taskListLink({ asOf: data?.asOf, org: data?.figures.scope.org ?? undefined, directive: directiveId, ...timelinessParams(filter) }),
    [data?.asOf, data?.figures.scope.org, directiveId],
  );

  if (draft.isLoading) return <LoadingState />;
  if (draft.isError || !data) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;

  /** Saves the form when it changed; returns the draft's version afterwards. */
  const save = async (): Promise<number> => {
    if (!dirty) return data.version;
    const values = await form.validateFields();
    const { number, reportDate, ...sections } = values;
    const saved = await update.mutateAsync({ id, version: data.version, number: number.trim() || null, sections: { ...sections, reportDate: fromDayjs(reportDate) ?? null } });
    return saved.version;
  };

  const run = async (kind: 'save' | 'regenerate' | ReportFormat) => {
    setBusy(kind);
    try {
      const version = await save();
      if (kind === 'save') void message.success(t('report.saved'));
      else if (kind === 'regenerate') {
        const next = await regenerate.mutateAsync({ id, version });
        const changes = next.changes?.length ?? 0;
        void message.success(changes ? t('report.regenerated', { count: changes }) : t('report.noChanges'));
      } else await downloadDraft(id, kind);
    } catch (error) {
      if (error && typeof error === 'object' && 'errorFields' in error) return;
      void message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const readOnly = !data.canEdit;
  const figures = data.figures;
  const scope = [
    figures.scope.directives.map((directive) => directive.number).join(', '),
    figures.scope.organization?.name,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div data-testid="report-editor">
      <PageTitle
        title={data.title}
        subtitle={`${figures.periodLabel ? `${figures.periodLabel} · ` : ''}${t('common.asOf')} ${formatDate(data.asOf)}${scope ? ` · ${scope}` : ''}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={onClose} data-testid="report-back">
              {t('report.backToList')}
            </Button>
            {readOnly ? null : (
              <>
                <Button icon={<ReloadOutlined />} loading={busy === 'regenerate'} onClick={() => void run('regenerate')} data-testid="report-regenerate" title={t('report.regenerateHint')}>
                  {t('report.regenerate')}
                </Button>
                <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!dirty} onClick={() => void run('save')} data-testid="report-save">
                  {t('action.save')}
                </Button>
              </>
            )}
            <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void run('docx')} data-testid="report-draft-export-docx">
              {t('report.exportWord')}
            </Button>
            <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')} data-testid="report-draft-export-xlsx">
              {t('action.exportExcel')}
            </Button>
          </>
        }
      />
      {readOnly ? <Alert type="info" showIcon title={t('report.readOnly')} style={{ marginBottom: 12 }} /> : null}
      {data.changes ? (
        <Alert
          type={data.changes.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-changes"
          title={data.changes.length ? t('report.changesTitle', { date: formatDateTime(figures.comparedWith ?? null) }) : t('report.noChanges')}
          description={
            data.changes.length ? (
              <List
                size="small"
                dataSource={data.changes}
                renderItem={(change) => (
                  <List.Item style={{ padding: '2px 0' }}>
                    <span>
                      <Tag>{t(`report.change.${change.kind}` as MessageKey)}</Tag>
                      {change.label}: {change.before ?? '—'} → <b>{change.after ?? '—'}</b>
                    </span>
                  </List.Item>
                )}
              />
            ) : undefined
          }
        />
      ) : null}

      <Card size="small" title={t('report.figures')} style={{ marginBottom: 12 }}>
        <StatisticsCards stats={figures.counts} linkFor={linkFor} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('report.figuresHint', { date: formatDateTime(figures.generatedAt), indicators: figures.indicators.length })}
        </Typography.Paragraph>
      </Card>

      <Form<FormValues> form={form} layout="vertical" disabled={readOnly} onValuesChange={() => setDirty(true)} data-testid="report-form-sections">
        <Card size="small" title={t('report.header')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="parentAgency" label={t('report.parentAgency')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="agency" label={t('report.agency')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="number" label={t('report.number')}>
                <Input addonAfter={`/BC-${data.sections.agencyAbbreviation}`} data-testid="report-number" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="agencyAbbreviation" label={t('report.agencyAbbreviation')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="place" label={t('report.place')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="reportDate" label={t('report.reportDate')}>
                <DatePicker format={DISPLAY_DATE} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="subject" label={t('report.subject')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="report-subject" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="intro" label={t('report.intro')} style={{ marginBottom: 0 }}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {SECTIONS.map((section) => (
          <Card key={section.key} size="small" title={t(section.title)} style={{ marginBottom: 12 }} data-testid={`report-section-${section.key}`}>
            <Form.Item name={section.key} extra={t('report.narrativeHint')} style={{ marginBottom: 0 }}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} placeholder={t(section.placeholder)} data-testid={`report-narrative-${section.key}`} />
            </Form.Item>
            <ComputedPart draft={data} section={section.key} />
          </Card>
        ))}

        <Card size="small" title={t('report.signature')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col span={24}>
              <Form.Item name="closing" label={t('report.closing')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="recipients" label={t('report.recipients')}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="signerAuthority" label={t('report.signerAuthority')}>
                <Input />
              </Form.Item>
              <Form.Item name="signerTitle" label={t('report.signerTitle')}>
                <Input />
              </Form.Item>
              <Form.Item name="signerName" label={t('report.signerName')}>
                <Input data-testid="report-signer-name" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'version', label: t('report.version'), children: data.version },
          { key: 'created', label: t('report.createdAt'), children: formatDateTime(data.createdAt) },
          { key: 'updated', label: t('report.updatedAt'), children: formatDateTime(data.updatedAt) },
        ]}
      />
      {dirty && !readOnly ? (
        <Flex justify="flex-end" style={{ position: 'sticky', bottom: 12 }}>
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void run('save')}>
            {t('action.save')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}
