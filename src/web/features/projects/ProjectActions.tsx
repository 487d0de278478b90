/**
 * The actions on a project, shown according to the `permissions` the API grants: move to the
 * next stage, record a council (members, scores, result by the configured rule), documents,
 * payments, reports, change requests and their decisions, applications of results, a stop. Every
 * write that changes the project's state sends the `version` that was read; a 409 offers to reload.
 */
import {
  AuditOutlined,
  DollarOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  FormOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { EvidenceUpload, isUploading, uploadedFileIds } from '../../components/EvidenceUpload';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { formatNumber, todayInVietnam } from '../../format';
import { useLanguage } from '../../i18n';
import { APPLICATION_STATUSES, CHANGE_KINDS, COUNCIL_ROLES, projectApi, useProjectConfiguration, useProjectMutation, type ChangeKind, type CouncilRole, type ProjectDetail } from './api';
import { ProjectFormModal } from './ProjectFormModal';
import { RatingTag } from './ProjectTags';
import { useProjectText, type ProjectTextKey } from './text';

export type ProjectActionKind = 'advance' | 'council' | 'document' | 'payment' | 'report' | 'inspection' | 'change' | 'approveChange' | 'rejectChange' | 'application' | 'followUp' | 'stop' | 'edit';

export interface ProjectActionState {
  kind: ProjectActionKind;
  /** The change request or application the action is about. */
  targetId?: number;
}

/** The buttons of the actions the user may take now. */
export function ProjectActionButtons({ project, onOpen }: { project: ProjectDetail; onOpen: (action: ProjectActionState) => void }) {
  const t = useProjectText();
  const p = project.permissions;
  const buttons: { kind: ProjectActionKind; show: boolean; icon: React.ReactNode; label: ProjectTextKey; primary?: boolean; danger?: boolean }[] = [
    { kind: 'council', show: p.canRecordCouncil, icon: <TeamOutlined />, label: 'action.council', primary: true },
    { kind: 'advance', show: p.canAdvance, icon: <RocketOutlined />, label: 'action.advance', primary: !p.canRecordCouncil },
    { kind: 'report', show: p.canReport, icon: <FormOutlined />, label: 'action.report' },
    { kind: 'inspection', show: p.canInspect, icon: <AuditOutlined />, label: 'action.inspect' },
    { kind: 'payment', show: p.canAddPayment, icon: <DollarOutlined />, label: 'action.payment' },
    { kind: 'change', show: p.canRequestChange, icon: <FieldTimeOutlined />, label: 'action.change' },
    { kind: 'application', show: p.canRecordApplication, icon: <SafetyCertificateOutlined />, label: 'action.application' },
    { kind: 'document', show: p.canAddDocument, icon: <FileAddOutlined />, label: 'action.document' },
    { kind: 'edit', show: p.canEdit, icon: <EditOutlined />, label: 'action.edit' },
    { kind: 'stop', show: p.canStop, icon: <StopOutlined />, label: 'action.stop', danger: true },
  ];
  const shown = buttons.filter((button) => button.show);
  if (shown.length === 0) return null;
  return (
    <Flex gap={8} wrap data-testid="project-actions">
      {shown.map((button) => (
        <Button key={button.kind} type={button.primary ? 'primary' : 'default'} danger={button.danger} icon={button.icon} onClick={() => onOpen({ kind: button.kind })} data-testid={`project-action-${button.kind}`}>
          {t(button.label)}
        </Button>
      ))}
    </Flex>
  );
}

interface MemberRow {
  key: number;
  name: string;
  role: CouncilRole;
  organizationCode?: string;
  scores: Record<string, number | null>;
}

const DEFAULT_ROLES: CouncilRole[] = ['chair', 'reviewer', 'reviewer', 'member', 'secretary'];

/** The council form: one row per member, one score per criterion, the result computed as you type. */
function CouncilMembers({ project, rows, onChange }: { project: ProjectDetail; rows: MemberRow[]; onChange: (rows: MemberRow[]) => void }) {
  const t = useProjectText();
  const { language } = useLanguage();
  const rule = project.councilRule!;
  const set = (index: number, patch: Partial<MemberRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const totals = rows.map((row) => rule.criteria.reduce((sum, criterion) => sum + (row.scores[criterion.code] ?? 0), 0));
  const complete = rows.length > 0 && rows.every((row) => rule.criteria.every((criterion) => typeof row.scores[criterion.code] === 'number'));
  const mean = complete ? totals.reduce((sum, total) => sum + total, 0) / rows.length : null;
  const result = mean === null ? null : rule.excellentFrom !== null && mean >= rule.excellentFrom ? 'excellent' : mean >= rule.passFrom ? 'pass' : 'fail';
  return (
    <>
      <Table<MemberRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 760 }}
        data-testid="council-members"
        columns={[
          {
            title: t('detail.memberName'),
            key: 'name',
            width: 190,
            render: (_value, row, index) => <Input value={row.name} onChange={(event) => set(index, { name: event.target.value })} data-testid={`council-member-${index}-name`} />,
          },
          {
            title: t('detail.memberRole'),
            key: 'role',
            width: 120,
            render: (_value, row, index) => (
              <Select value={row.role} onChange={(role) => set(index, { role })} style={{ width: '100%' }} options={COUNCIL_ROLES.map((role) => ({ value: role, label: t(`role.${role}` as ProjectTextKey) }))} data-testid={`council-member-${index}-role`} />
            ),
          },
          {
            title: t('detail.memberOrganization'),
            key: 'organization',
            width: 200,
            render: (_value, row, index) => <OrganizationTreeSelect value={row.organizationCode} onChange={(code) => set(index, { organizationCode: code })} style={{ width: '100%' }} data-testid={`council-member-${index}-organization`} />,
          },
          ...rule.criteria.map((criterion) => ({
            title: (
              <span title={criterion.name}>
                {criterion.name.length > 22 ? `${criterion.name.slice(0, 20)}…` : criterion.name} ({criterion.maxScore})
              </span>
            ),
            key: criterion.code,
            width: 110,
            render: (_value: unknown, row: MemberRow, index: number) => (
              <InputNumber
                min={0}
                max={criterion.maxScore}
                step={0.5}
                decimalSeparator=","
                value={row.scores[criterion.code] ?? null}
                onChange={(score) => set(index, { scores: { ...row.scores, [criterion.code]: typeof score === 'number' ? score : null } })}
                style={{ width: '100%' }}
                data-testid={`council-member-${index}-score-${criterion.code}`}
              />
            ),
          })),
          { title: t('detail.memberTotal'), key: 'total', width: 70, align: 'right' as const, render: (_value: unknown, _row: MemberRow, index: number) => formatNumber(totals[index], language, 2) },
          {
            title: '',
            key: 'remove',
            width: 50,
            render: (_value: unknown, _row: MemberRow, index: number) => (
              <Button type="link" size="small" onClick={() => onChange(rows.filter((_item, at) => at !== index))}>
                {t('action.remove')}
              </Button>
            ),
          },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
        <Button onClick={() => onChange([...rows, { key: Date.now(), name: '', role: 'member', scores: {} }])} data-testid="council-add-member">
          {t('action.addMember')}
        </Button>
        <span data-testid="council-preview">
          {t('detail.meanScore')}: <strong>{mean === null ? '—' : formatNumber(mean, language, 2)}</strong> <RatingTag rating={result} />
        </span>
      </Flex>
    </>
  );
}

interface ActionValues {
  stage?: string;
  on?: Dayjs;
  documentKind?: string;
  documentNumber?: string;
  documentTitle?: string;
  note?: string;
  startMonth?: Dayjs;
  endMonth?: Dayjs;
  selectionMode?: 'open' | 'direct';
  minutesNumber?: string;
  amount?: number;
  year?: number;
  source?: 'state' | 'other';
  period?: string;
  percent?: number;
  narrative?: string;
  difficulties?: string;
  proposals?: string;
  changeKind?: ChangeKind;
  description?: string;
  members?: string;
  objectives?: string;
  expectedProducts?: string;
  budgetTotal?: number;
  budgetOther?: number;
  stateByYear?: Record<string, number | null>;
  decisionNumber?: string;
  reason?: string;
  organizationCode?: string;
  followUpUntil?: Dayjs;
  status?: string;
  files?: UploadFile[];
}

const TITLES: Record<ProjectActionKind, ProjectTextKey> = {
  advance: 'action.advance',
  council: 'action.council',
  document: 'action.document',
  payment: 'action.payment',
  report: 'action.report',
  inspection: 'action.inspect',
  change: 'action.change',
  approveChange: 'action.approveChange',
  rejectChange: 'action.rejectChange',
  application: 'action.application',
  followUp: 'action.followUp',
  stop: 'action.stop',
  edit: 'action.edit',
};

/** The dialog of one action. */
export function ProjectActionModal({ project, action, onClose, onReload }: { project: ProjectDetail; action: ProjectActionState | null; onClose: () => void; onReload: () => void }) {
  const t = useProjectText();
  const { message, modal } = App.useApp();
  const config = useProjectConfiguration();
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<string | null>(null);
  const [members, setMembers] = useState<MemberRow[]>([]);
  const kind = action?.kind ?? null;
  const stage = Form.useWatch('stage', form);
  const changeKind = Form.useWatch('changeKind', form);
  const target = project.nextStages.find((next) => next.code === stage);
  const documentKinds = useMemo(() => Object.entries(config.data?.labels.documentKinds ?? {}).map(([value, label]) => ({ value, label })), [config.data]);

  // The form is filled when the dialog opens, not again when the project is refetched behind it
  // (a refetch would wipe what the user typed): the effect reads the project through a ref.
  const projectRef = useRef(project);
  projectRef.current = project;
  useEffect(() => {
    if (!kind || kind === 'edit') return;
    const project = projectRef.current;
    setError(null);
    form.resetFields();
    const today = toDayjs(todayInVietnam());
    const defaults: ActionValues = { on: today };
    if (kind === 'advance') {
      const first = project.nextStages.find((next) => !next.isOptional) ?? project.nextStages[0];
      defaults.stage = first?.code;
      defaults.documentKind = first?.requiredDocuments[0]?.kind;
      if (project.startMonth) defaults.startMonth = dayjs(`${project.startMonth}-01`);
      if (project.endMonth) defaults.endMonth = dayjs(`${project.endMonth}-01`);
    }
    if (kind === 'council') setMembers(DEFAULT_ROLES.map((role, index) => ({ key: index, name: '', role, scores: {} })));
    if (kind === 'payment') Object.assign(defaults, { source: 'state', year: dayjs().year() });
    if (kind === 'report' || kind === 'inspection') defaults.percent = project.task?.progress ?? 0;
    if (kind === 'change') defaults.changeKind = 'schedule';
    if (kind === 'document') defaults.documentKind = 'other';
    if (kind === 'followUp') defaults.status = project.applications.find((application) => application.id === action?.targetId)?.status ?? 'applying';
    form.setFieldsValue(defaults);
  }, [kind, action, form]);

  // The document asked for follows the chosen stage.
  useEffect(() => {
    if (kind === 'advance' && target) form.setFieldValue('documentKind', target.requiredDocuments[0]?.kind);
  }, [kind, target, form]);

  const mutation = useProjectMutation(async (values: ActionValues) => {
    const on = fromDayjs(values.on) ?? todayInVietnam();
    const fileId = uploadedFileIds(values.files)[0];
    const document = values.documentKind ? { kind: values.documentKind, number: values.documentNumber || null, issuedOn: on, title: values.documentTitle || null, fileId: fileId ? Number(fileId) : null } : null;
    const month = (value: Dayjs | undefined) => (value && value.isValid() ? value.format('YYYY-MM') : null);
    const lines = (text: string | undefined) => (text ?? '').split(/\n+/).map((name) => name.trim()).filter(Boolean).map((name) => ({ name }));
    switch (kind) {
      case 'advance':
        return projectApi.action(project.id, 'advance', { version: project.version, stage: values.stage, on, document, note: values.note || null, selectionMode: values.selectionMode ?? null, ...(values.stage === 'contract' ? { startMonth: month(values.startMonth), endMonth: month(values.endMonth) } : {}) });
      case 'council':
        return projectApi.action(project.id, 'councils', {
          version: project.version,
          kind: project.councilRule?.kind,
          heldOn: on,
          minutesNumber: values.minutesNumber || null,
          minutesFileId: fileId ? Number(fileId) : null,
          members: members.map((member) => ({ name: member.name.trim(), role: member.role, organizationCode: member.organizationCode ?? null, scores: Object.fromEntries(Object.entries(member.scores).filter(([, score]) => typeof score === 'number')) })),
        });
      case 'document':
        return projectApi.action(project.id, 'documents', document ?? { kind: 'other' });
      case 'payment':
        return projectApi.action(project.id, 'payments', { paidOn: on, year: values.year, amount: values.amount, source: values.source, documentNumber: values.decisionNumber || null, note: values.note || null });
      case 'report':
      case 'inspection':
        return projectApi.action(project.id, 'reports', { kind: kind === 'report' ? 'progress' : 'inspection', on, period: values.period || null, percent: values.percent, narrative: values.narrative, difficulties: values.difficulties || null, proposals: values.proposals || null, documentNumber: values.documentNumber || null, fileId: fileId ? Number(fileId) : null });
      case 'change': {
        const stateByYear = Object.fromEntries(Object.entries(values.stateByYear ?? {}).filter(([, amount]) => typeof amount === 'number' && amount > 0)) as Record<string, number>;
        const budget = values.changeKind === 'budget' ? { total: Object.values(stateByYear).reduce((sum, amount) => sum + amount, 0) + (values.budgetOther ?? 0), stateByYear, other: values.budgetOther ?? 0 } : null;
        return projectApi.action(project.id, 'changes', {
          kind: values.changeKind,
          description: values.description,
          on,
          endMonth: values.changeKind === 'schedule' ? month(values.endMonth) : null,
          members: values.changeKind === 'members' ? lines(values.members) : null,
          budget,
          objectives: values.changeKind === 'content' ? values.objectives || null : null,
          expectedProducts: values.changeKind === 'content' ? values.expectedProducts || null : null,
        });
      }
      case 'approveChange':
      case 'rejectChange':
        return projectApi.action(project.id, `changes/${action?.targetId}/${kind === 'approveChange' ? 'approve' : 'reject'}`, { version: project.version, on, decisionNumber: values.decisionNumber || null, reason: values.reason || null });
      case 'application':
        return projectApi.action(project.id, 'applications', { appliedOn: on, organizationCode: values.organizationCode ?? null, description: values.description, followUpUntil: fromDayjs(values.followUpUntil) ?? null });
      case 'followUp':
        return projectApi.action(project.id, `applications/${action?.targetId}/follow-ups`, { on, status: values.status, note: values.note });
      case 'stop':
        return projectApi.action(project.id, 'stop', { version: project.version, on, decisionNumber: values.decisionNumber || null, reason: values.reason });
      default:
        throw new Error(`Unknown action ${String(kind)}`);
    }
  });

  if (!action) return null;
  if (kind === 'edit') return <ProjectFormModal open project={project} onClose={onClose} onSaved={() => onClose()} />;

  const submit = async () => {
    const values = await form.validateFields();
    if (isUploading(values.files)) return;
    try {
      await mutation.mutateAsync(values);
      void message.success(t('action.done'));
      onClose();
    } catch (failure) {
      if (failure instanceof ApiError && failure.isConflict && failure.code === 'CONFLICT' && /cập nhật/.test(failure.message)) {
        onClose();
        modal.confirm({ title: t('form.errors'), content: failure.message, okText: 'OK', onOk: onReload });
        return;
      }
      const details = failure instanceof ApiError && Array.isArray(failure.details) ? (failure.details as unknown[]).filter((item): item is string => typeof item === 'string') : [];
      setError(details.length > 1 ? details.join('\n') : errorMessage(failure));
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  const dateField = (label: ProjectTextKey = 'form.on') => (
    <Form.Item name="on" label={t(label)} rules={required}>
      <DatePicker format={DISPLAY_DATE} style={{ width: '100%' }} allowClear={false} data-testid="project-action-date" />
    </Form.Item>
  );
  const fileField = (
    <Form.Item name="files" label={t('detail.file')} valuePropName="fileList" getValueFromEvent={(fileList: UploadFile[]) => fileList}>
      <EvidenceUpload testId="project-action-file" />
    </Form.Item>
  );
  const documentFields = (kinds = documentKinds) => (
    <Row gutter={12}>
      <Col xs={24} md={10}>
        <Form.Item name="documentKind" label={t('detail.documentKind')}>
          <Select options={kinds} allowClear popupMatchSelectWidth={false} data-testid="project-action-document-kind" />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        <Form.Item name="documentNumber" label={t('detail.documentNumber')}>
          <Input data-testid="project-action-document-number" />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        {dateField()}
      </Col>
    </Row>
  );

  let body: React.ReactNode = null;
  switch (kind) {
    case 'advance':
      body = (
        <>
          <Form.Item name="stage" label={t('form.stage')} rules={required}>
            <Select options={project.nextStages.map((next) => ({ value: next.code, label: next.isOptional ? `${next.name} (${t('detail.stageOptional')})` : next.name }))} data-testid="project-action-stage" />
          </Form.Item>
          {target && target.requiredDocuments.length > 0 ? <Alert type="info" showIcon title={t('form.documentHint', { documents: target.requiredDocuments.map((document) => document.name).join('; ') })} style={{ marginBottom: 12 }} /> : null}
          {documentFields()}
          {stage === 'selection' ? (
            <Form.Item name="selectionMode" label={t('form.selectionMode')}>
              <Select options={[{ value: 'open', label: t('form.selection.open') }, { value: 'direct', label: t('form.selection.direct') }]} />
            </Form.Item>
          ) : null}
          {stage === 'contract' ? (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="startMonth" label={t('form.startMonth')} rules={required}>
                  <DatePicker picker="month" format="MM/YYYY" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="endMonth" label={t('form.endMonth')} rules={required}>
                  <DatePicker picker="month" format="MM/YYYY" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          {fileField}
          <Form.Item name="note" label={t('detail.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
      break;
    case 'council': {
      const rule = project.councilRule;
      body = rule ? (
        <>
          <Alert
            type="info"
            showIcon
            title={`${rule.name}: ${rule.excellentFrom !== null ? t('form.councilRule', { excellent: rule.excellentFrom, pass: rule.passFrom, members: rule.minMembers, reviewers: rule.minReviewers }) : t('form.councilRuleNoExcellent', { pass: rule.passFrom, members: rule.minMembers, reviewers: rule.minReviewers })}`}
            style={{ marginBottom: 12 }}
          />
          <Row gutter={12}>
            <Col xs={24} md={8}>
              {dateField('detail.heldOn')}
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="minutesNumber" label={t('form.minutesNumber')}>
                <Input data-testid="council-minutes-number" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {fileField}
            </Col>
          </Row>
          <CouncilMembers project={project} rows={members} onChange={setMembers} />
        </>
      ) : null;
      break;
    }
    case 'document':
      body = (
        <>
          {documentFields()}
          <Form.Item name="documentTitle" label={t('detail.documentTitle')}>
            <Input />
          </Form.Item>
          {fileField}
        </>
      );
      break;
    case 'payment':
      body = (
        <Row gutter={12}>
          <Col xs={12} md={8}>
            {dateField('detail.paidOn')}
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="year" label={t('detail.budgetYear')} rules={required}>
              <InputNumber min={1990} max={2200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="source" label={t('detail.source')} rules={required}>
              <Select options={[{ value: 'state', label: t('source.state') }, { value: 'other', label: t('source.other') }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="amount" label={t('detail.amount')} rules={required}>
              <InputNumber min={0.001} style={{ width: '100%' }} decimalSeparator="," data-testid="project-payment-amount" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="decisionNumber" label={t('form.decisionNumber')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="note" label={t('detail.note')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      );
      break;
    case 'report':
    case 'inspection':
      body = (
        <>
          <Row gutter={12}>
            <Col xs={12} md={8}>
              {dateField()}
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="period" label={t('form.period')}>
                <Input placeholder="2026S1" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="percent" label={t('form.percent')} rules={required}>
                <InputNumber min={0} max={100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="narrative" label={t('form.narrative')} rules={required}>
            <Input.TextArea rows={3} data-testid="project-report-narrative" />
          </Form.Item>
          <Form.Item name="difficulties" label={t('form.difficulties')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="proposals" label={t('form.proposals')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="documentNumber" label={t('detail.documentNumber')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>{fileField}</Col>
          </Row>
        </>
      );
      break;
    case 'change':
      body = (
        <>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="changeKind" label={t('form.changeKind')} rules={required}>
                <Select options={CHANGE_KINDS.map((value) => ({ value, label: t(`change.${value}` as ProjectTextKey) }))} data-testid="project-change-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              {dateField('detail.requestedOn')}
            </Col>
          </Row>
          {changeKind === 'schedule' ? (
            <Form.Item name="endMonth" label={t('form.newEndMonth')} rules={required}>
              <DatePicker picker="month" format="MM/YYYY" style={{ width: '100%' }} data-testid="project-change-end-month" />
            </Form.Item>
          ) : null}
          {changeKind === 'members' ? (
            <Form.Item name="members" label={t('detail.members')} extra={t('form.membersHint')} rules={required}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {changeKind === 'content' ? (
            <>
              <Form.Item name="objectives" label={t('detail.objectives')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="expectedProducts" label={t('detail.products')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {changeKind === 'budget' ? (
            <Row gutter={12}>
              {Object.keys(project.budget.plan.stateByYear).map((year) => (
                <Col xs={12} md={8} key={year}>
                  <Form.Item name={['stateByYear', year]} label={t('form.budgetStateYear', { year })} initialValue={project.budget.plan.stateByYear[year]}>
                    <InputNumber min={0} style={{ width: '100%' }} decimalSeparator="," />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={12} md={8}>
                <Form.Item name="budgetOther" label={t('form.budgetOther')} initialValue={project.budget.plan.other}>
                  <InputNumber min={0} style={{ width: '100%' }} decimalSeparator="," />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          <Form.Item name="description" label={t('form.reason')} rules={required}>
            <Input.TextArea rows={3} data-testid="project-change-description" />
          </Form.Item>
        </>
      );
      break;
    case 'approveChange':
    case 'rejectChange':
      body = (
        <>
          <Row gutter={12}>
            <Col span={12}>{dateField()}</Col>
            <Col span={12}>
              <Form.Item name="decisionNumber" label={t('form.decisionNumber')}>
                <Input data-testid="project-decision-number" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="reason" label={t('form.reason')} rules={kind === 'rejectChange' ? required : []}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
      break;
    case 'application':
      body = (
        <>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              {dateField('detail.appliedOn')}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="followUpUntil" label={t('form.followUpUntil')}>
                <DatePicker format={DISPLAY_DATE} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="organizationCode" label={t('detail.applyingOrganization')}>
            <OrganizationTreeSelect style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={t('detail.description')} rules={required}>
            <Input.TextArea rows={3} data-testid="project-application-description" />
          </Form.Item>
        </>
      );
      break;
    case 'followUp':
      body = (
        <>
          <Row gutter={12}>
            <Col span={12}>{dateField()}</Col>
            <Col span={12}>
              <Form.Item name="status" label={t('form.status')} rules={required}>
                <Select options={APPLICATION_STATUSES.map((value) => ({ value, label: t(`application.${value}` as ProjectTextKey) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t('detail.note')} rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
      break;
    case 'stop':
      body = (
        <>
          <Row gutter={12}>
            <Col span={12}>{dateField()}</Col>
            <Col span={12}>
              <Form.Item name="decisionNumber" label={t('form.decisionNumber')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="reason" label={t('form.reason')} rules={required}>
            <Input.TextArea rows={3} data-testid="project-stop-reason" />
          </Form.Item>
        </>
      );
      break;
  }

  return (
    <Modal
      open
      title={
        <span>
          {t(TITLES[kind!])} <Tag>{project.code}</Tag>
        </span>
      }
      width={kind === 'council' ? 1100 : 720}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'project-action-ok', danger: kind === 'stop' || kind === 'rejectChange' }}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={t('form.errors')} description={<Typography.Text style={{ whiteSpace: 'pre-line' }}>{error}</Typography.Text>} style={{ marginBottom: 12 }} data-testid="project-action-error" />
      ) : null}
      <Form form={form} layout="vertical" data-testid={`project-action-form-${kind}`}>
        {body}
      </Form>
    </Modal>
  );
}
