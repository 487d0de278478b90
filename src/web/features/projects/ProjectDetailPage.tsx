/**
 * One S&T project as of a date: its stages, particulars, timeline, documents, budget, councils,
 * change requests and applications of results, and the actions the user may take next.
 */
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Progress, Row, Space, Statistic, Steps, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fileDownloadUrl } from '../../api/client';
import { AsOfPicker } from '../../components/AsOfPicker';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatRate, todayInVietnam } from '../../format';
import { useLanguage } from '../../i18n';
import { useProject, useProjectConfiguration, type ProjectDetail } from './api';
import { ProjectActionButtons, ProjectActionModal, type ProjectActionState } from './ProjectActions';
import { formatMonth, LevelTag, ProjectStatusTag, RatingTag, useAmount } from './ProjectTags';
import { useProjectText, type ProjectTextKey } from './text';

function StagesCard({ project }: { project: ProjectDetail }) {
  const t = useProjectText();
  const current = project.stages.findIndex((stage) => stage.status === 'current');
  return (
    <Card size="small" title={t('detail.stages')} data-testid="project-stages">
      <Steps
        size="small"
        direction="vertical"
        current={current < 0 ? project.stages.length : current}
        items={project.stages.map((stage) => ({
          title: (
            <span data-testid={`project-stage-${stage.code}`} data-status={stage.status}>
              {stage.name}
              {stage.isOptional ? <Typography.Text type="secondary"> ({t('detail.stageOptional')})</Typography.Text> : null}
            </span>
          ),
          description: stage.reachedOn ? formatDate(stage.reachedOn) : stage.status === 'passed' ? t('detail.stagePassed') : undefined,
          status: stage.status === 'current' ? (project.currentStage === 'stopped' ? 'error' : 'process') : stage.status === 'done' || stage.status === 'passed' ? 'finish' : 'wait',
        }))}
      />
      {project.currentStage === 'stopped' ? <Tag color="default">{t('timeliness.stopped')}</Tag> : null}
    </Card>
  );
}

function TimelineTab({ project }: { project: ProjectDetail }) {
  const t = useProjectText();
  const amount = useAmount();
  const { language } = useLanguage();
  const config = useProjectConfiguration();
  const labels = config.data?.labels;
  if (project.timeline.length === 0) return <EmptyState />;
  const describe = (event: ProjectDetail['timeline'][number]) => {
    const data = event.data ?? {};
    switch (event.action) {
      case 'stage':
        return t('event.stage', { stage: event.stageName });
      case 'council':
        return t('event.council', { council: labels?.councilKinds[String(data.kind)] ?? String(data.kind), result: data.result ? t(`rating.${String(data.result)}` as ProjectTextKey) : '' });
      case 'payment':
        return t('event.payment', { amount: amount(Number(data.amount)), source: t(`source.${String(data.source)}` as ProjectTextKey) });
      case 'report':
      case 'inspection':
        return t(`event.${event.action}`, { percent: formatPercent(Number(data.percent), language) });
      case 'change_request':
        return t('event.change_request', { kind: t(`change.${String(data.kind)}` as ProjectTextKey) });
      case 'change_decision':
        return t('event.change_decision', { decision: t(data.approve ? 'change.approved' : 'change.rejected'), kind: t(`change.${String(data.kind)}` as ProjectTextKey) });
      case 'application_follow_up':
        return t('event.application_follow_up', { status: t(`application.${String(data.status)}` as ProjectTextKey) });
      case 'document':
      case 'application':
      case 'edit':
        return t(`event.${event.action}`);
      default:
        return event.action;
    }
  };
  const sorted = [...project.timeline].sort((a, b) => b.on.localeCompare(a.on) || b.id - a.id);
  return (
    <Timeline
      data-testid="project-timeline"
      items={sorted.map((event) => ({
        key: String(event.id),
        color: event.action === 'stage' ? (event.stage === 'stopped' ? 'gray' : 'blue') : event.action === 'council' ? ((event.data as { result?: string } | null)?.result === 'fail' ? 'red' : 'green') : 'gray',
        title: formatDate(event.on),
        content: (
          <div data-testid="project-timeline-event" data-action={event.action}>
            <Typography.Text strong>{describe(event)}</Typography.Text>
            {event.documentNumber ? <Typography.Text type="secondary"> — {event.documentNumber}</Typography.Text> : null}
            {(event.data as { imported?: boolean } | null)?.imported ? <Tag style={{ marginInlineStart: 8 }}>{t('event.imported')}</Tag> : null}
            {event.note ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
                {event.note}
              </Typography.Paragraph>
            ) : null}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {event.actor} · {formatDateTime(event.at)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

function DocumentsTab({ project }: { project: ProjectDetail }) {
  const t = useProjectText();
  if (project.documents.length === 0) return <EmptyState description={t('detail.noDocuments')} />;
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={project.documents}
      data-testid="project-documents"
      columns={[
        { title: t('detail.documentKind'), dataIndex: 'kindName', width: 260 },
        { title: t('detail.documentNumber'), dataIndex: 'number', width: 160, render: (value: string | null) => value ?? '—' },
        { title: t('detail.documentDate'), dataIndex: 'issuedOn', width: 110, render: (value: string | null) => formatDate(value) },
        { title: t('detail.documentTitle'), dataIndex: 'title' },
        {
          title: t('detail.file'),
          key: 'file',
          width: 200,
          render: (_value, row) =>
            row.fileId ? (
              <a href={fileDownloadUrl(row.fileId)} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {row.fileName}
              </a>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

function BudgetTab({ project }: { project: ProjectDetail }) {
  const t = useProjectText();
  const amount = useAmount();
  const { language } = useLanguage();
  const budget = project.budget;
  return (
    <Flex vertical gap={12} data-testid="project-budget">
      <Row gutter={[12, 12]}>
        {[
          ['detail.budgetTotal', budget.total],
          ['detail.budgetState', budget.state],
          ['detail.budgetOther', budget.other],
          ['detail.budgetPaid', budget.paid],
          ['detail.budgetRemaining', budget.remainingState],
        ].map(([label, value]) => (
          <Col key={String(label)} xs={12} md={8} xl={4}>
            <Statistic title={t(label as ProjectTextKey)} value={amount(value as number)} formatter={() => amount(value as number)} />
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Typography.Text type="secondary">{t('column.rate')}</Typography.Text>
          <Progress percent={Math.round((budget.disbursementRate ?? 0) * 100)} format={() => formatRate(budget.disbursementRate, language)} />
        </Col>
      </Row>
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={budget.byYear}
        data-testid="project-budget-years"
        columns={[
          { title: t('column.year'), dataIndex: 'year', width: 80 },
          { title: `${t('column.planned')} (NSNN)`, dataIndex: 'planned', align: 'right', render: (value: number) => amount(value) },
          { title: t('column.paid'), dataIndex: 'paid', align: 'right', render: (value: number) => amount(value) },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('detail.payments')}
      </Typography.Title>
      {project.payments.length === 0 ? (
        <EmptyState description={t('detail.noPayments')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={project.payments}
          data-testid="project-payments"
          columns={[
            { title: t('detail.paidOn'), dataIndex: 'paidOn', width: 110, render: (value: string) => formatDate(value) },
            { title: t('detail.budgetYear'), dataIndex: 'year', width: 110 },
            { title: t('detail.source'), dataIndex: 'source', width: 170, render: (value: string) => t(`source.${value}` as ProjectTextKey) },
            { title: t('detail.amount'), dataIndex: 'amount', align: 'right', width: 150, render: (value: number) => formatNumber(value, language, 3) },
            { title: t('detail.note'), dataIndex: 'note', render: (value: string | null) => value ?? '' },
          ]}
        />
      )}
    </Flex>
  );
}

function CouncilsTab({ project }: { project: ProjectDetail }) {
  const t = useProjectText();
  const { language } = useLanguage();
  if (project.councils.length === 0) return <EmptyState description={t('detail.noCouncils')} />;
  return (
    <Flex vertical gap={12} data-testid="project-councils">
      {[...project.councils].reverse().map((council) => {
        const rule = council.rule as { criteria?: { code: string; name: string; maxScore: number }[] } | null;
        const criteria = rule?.criteria ?? [];
        return (
          <Card
            key={council.id}
            size="small"
            data-testid="project-council"
            data-kind={council.kind}
            title={
              <Space wrap>
                <span>{council.kindName}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {formatDate(council.heldOn)}
                  {council.minutesNumber ? ` · ${t('detail.minutes')} ${council.minutesNumber}` : ''}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space>
                {council.meanScore !== null ? (
                  <span data-testid="council-mean">
                    {t('detail.meanScore')}: <strong>{formatNumber(council.meanScore, language, 2)}</strong>
                  </span>
                ) : null}
                <RatingTag rating={council.result} />
              </Space>
            }
          >
            {council.members.length > 0 ? (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={council.members}
                scroll={{ x: 700 }}
                columns={[
                  { title: t('detail.memberName'), dataIndex: 'name', width: 200 },
                  { title: t('detail.memberRole'), dataIndex: 'role', width: 100, render: (value: string) => t(`role.${value}` as ProjectTextKey) },
                  { title: t('detail.memberOrganization'), dataIndex: 'organizationName', width: 200, render: (value: string | null) => value ?? '—' },
                  ...criteria.map((criterion) => ({
                    title: <span title={criterion.name}>{criterion.name.length > 24 ? `${criterion.name.slice(0, 22)}…` : criterion.name}</span>,
                    key: criterion.code,
                    width: 120,
                    align: 'right' as const,
                    render: (_value: unknown, row: { scores: Record<string, number> }) => formatNumber(row.scores[criterion.code] ?? null, language, 2),
                  })),
                  {
                    title: t('detail.memberTotal'),
                    key: 'total',
                    align: 'right' as const,
                    render: (_value: unknown, row: { scores: Record<string, number> }) => formatNumber(Object.values(row.scores).reduce((sum, score) => sum + score, 0), language, 2),
                  },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('event.imported')}</Typography.Text>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}

function ChangesTab({ project, onOpen }: { project: ProjectDetail; onOpen: (action: ProjectActionState) => void }) {
  const t = useProjectText();
  if (project.changes.length === 0) return <EmptyState description={t('detail.noChanges')} />;
  const colors = { pending: 'processing', approved: 'success', rejected: 'error' } as const;
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={project.changes}
      data-testid="project-changes"
      columns={[
        { title: t('detail.requestedOn'), dataIndex: 'requestedOn', width: 110, render: (value: string) => formatDate(value) },
        { title: t('form.changeKind'), dataIndex: 'kind', width: 200, render: (value: string, row) => `${t(`change.${value}` as ProjectTextKey)}${row.requestedEndMonth ? ` → ${formatMonth(row.requestedEndMonth)}` : ''}` },
        { title: t('form.reason'), dataIndex: 'description' },
        {
          title: t('detail.decision'),
          key: 'status',
          width: 260,
          render: (_value, row) => (
            <Flex vertical gap={4}>
              <span>
                <Tag color={colors[row.status]}>{t(`change.${row.status}` as ProjectTextKey)}</Tag>
                {row.decidedOn ? formatDate(row.decidedOn) : ''} {row.decisionNumber ?? ''}
              </span>
              {row.decisionReason ? <Typography.Text type="secondary">{row.decisionReason}</Typography.Text> : null}
              {row.status === 'pending' && project.permissions.canDecideChange ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => onOpen({ kind: 'approveChange', targetId: row.id })} data-testid="project-change-approve">
                    {t('action.approveChange')}
                  </Button>
                  <Button size="small" danger onClick={() => onOpen({ kind: 'rejectChange', targetId: row.id })} data-testid="project-change-reject">
                    {t('action.rejectChange')}
                  </Button>
                </Space>
              ) : null}
            </Flex>
          ),
        },
      ]}
    />
  );
}

function ApplicationsTab({ project, onOpen }: { project: ProjectDetail; onOpen: (action: ProjectActionState) => void }) {
  const t = useProjectText();
  if (project.applications.length === 0) return <EmptyState description={t('detail.noApplications')} />;
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={project.applications}
      data-testid="project-applications"
      columns={[
        { title: t('detail.appliedOn'), dataIndex: 'appliedOn', width: 110, render: (value: string) => formatDate(value) },
        { title: t('detail.applyingOrganization'), dataIndex: 'organizationName', width: 220, render: (value: string | null) => value ?? '—' },
        { title: t('detail.description'), dataIndex: 'description' },
        { title: t('detail.followUpUntil'), dataIndex: 'followUpUntil', width: 120, render: (value: string) => formatDate(value) },
        {
          title: t('form.status'),
          key: 'status',
          width: 220,
          render: (_value, row) => (
            <Space wrap>
              <Tag color={row.followingUp ? 'blue' : 'default'}>{t(`application.${row.status}` as ProjectTextKey)}</Tag>
              {project.permissions.canRecordApplication ? (
                <Button size="small" onClick={() => onOpen({ kind: 'followUp', targetId: row.id })}>
                  {t('action.followUp')}
                </Button>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

export default function ProjectDetailPage() {
  const t = useProjectText();
  const amount = useAmount();
  const { language } = useLanguage();
  const { id } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') ?? undefined;
  const query = useProject(id, asOf);
  const [action, setAction] = useState<ProjectActionState | null>(null);
  if (query.isLoading) return <LoadingState rows={10} />;
  if (query.isError || !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const project = query.data;
  const pendingChanges = project.changes.filter((change) => change.status === 'pending').length;
  return (
    <div data-testid="project-detail-page">
      <Link to="/projects">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('detail.back')}
        </Button>
      </Link>
      <PageTitle
        title={
          <span data-testid="project-title">
            <Tag style={{ fontSize: 14, verticalAlign: 'middle' }}>{project.code}</Tag>
            {project.title}
          </span>
        }
        subtitle={
          <Space wrap size={4}>
            <LevelTag level={project.level} />
            <Tag>{t(`type.${project.type}` as ProjectTextKey)}</Tag>
            <Tag>{t(`field.${project.field}` as ProjectTextKey)}</Tag>
            <Tag color="blue" data-testid="project-current-stage">
              {project.currentStageName}
            </Tag>
            <ProjectStatusTag timeliness={project.timeliness} overdueDays={project.overdueDays} risks={project.risks} />
            <RatingTag rating={project.acceptanceRating} />
          </Space>
        }
        extra={<AsOfPicker value={asOf ?? todayInVietnam()} onChange={(value) => setSearchParams(value === todayInVietnam() ? {} : { asOf: value }, { replace: true })} testId="project-detail-as-of" />}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <ProjectActionButtons project={project} onOpen={setAction} />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('detail.information')} data-testid="project-information">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'host', label: t('detail.host'), children: <span data-testid="project-host">{project.hostName}</span> },
                { key: 'investigator', label: t('detail.investigator'), children: project.principalInvestigator },
                { key: 'members', label: t('detail.members'), children: project.members.map((member) => member.name).join('; ') || '—' },
                { key: 'programme', label: t('detail.programme'), children: project.directiveNumber ? <Link to={`/directives/${project.directiveId}`}>{`${project.directiveNumber} — ${project.directiveTitle ?? ''}`}</Link> : '—' },
                { key: 'period', label: t('detail.period'), children: `${formatMonth(project.startMonth)} – ${formatMonth(project.endMonth)}` },
                {
                  key: 'deadline',
                  label: t('detail.deadline'),
                  children: project.task ? (
                    <span data-testid="project-deadline">
                      {formatDate(project.task.deadline)}
                      {project.task.extensionCount > 0 ? (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {t('detail.originalDeadline', { date: formatDate(project.task.originalDeadline), count: project.task.extensionCount })}
                        </Typography.Text>
                      ) : null}
                    </span>
                  ) : (
                    '—'
                  ),
                },
                { key: 'contract', label: t('detail.contract'), children: project.task?.assignedOn ? t('detail.contractSigned', { date: formatDate(project.task.assignedOn) }) : '—' },
                {
                  key: 'task',
                  label: t('detail.task'),
                  children: project.task ? (
                    <Space>
                      <Progress percent={project.task.progress} size="small" style={{ width: 120 }} format={() => formatPercent(project.task!.progress, language)} />
                      <Link to={`/tasks/${project.task.id}`} data-testid="project-task-link">
                        {t('detail.taskLink')}
                      </Link>
                    </Space>
                  ) : (
                    '—'
                  ),
                },
                { key: 'acceptance', label: t('detail.acceptance'), children: project.acceptedOn ? <span>{formatDate(project.acceptedOn)} <RatingTag rating={project.acceptanceRating} /></span> : project.acceptanceRating ? <RatingTag rating={project.acceptanceRating} /> : '—' },
                { key: 'budget', label: t('detail.budgetTotal'), children: `${amount(project.budget.total)} (${t('detail.budgetPaid')} ${amount(project.budget.paid)})` },
                { key: 'objectives', label: t('detail.objectives'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{project.objectives ?? '—'}</span> },
                { key: 'products', label: t('detail.products'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{project.expectedProducts ?? '—'}</span> },
              ]}
            />
          </Card>
          <Card size="small" style={{ marginTop: 12 }}>
            <Tabs
              data-testid="project-tabs"
              items={[
                { key: 'timeline', label: t('detail.tab.timeline'), children: <TimelineTab project={project} /> },
                { key: 'councils', label: `${t('detail.tab.councils')} (${project.councils.length})`, children: <CouncilsTab project={project} /> },
                { key: 'budget', label: t('detail.tab.budget'), children: <BudgetTab project={project} /> },
                { key: 'documents', label: `${t('detail.tab.documents')} (${project.documents.length})`, children: <DocumentsTab project={project} /> },
                { key: 'changes', label: `${t('detail.tab.changes')}${pendingChanges ? ` (${pendingChanges})` : ''}`, children: <ChangesTab project={project} onOpen={setAction} /> },
                { key: 'applications', label: `${t('detail.tab.applications')} (${project.applications.length})`, children: <ApplicationsTab project={project} onOpen={setAction} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <StagesCard project={project} />
        </Col>
      </Row>
      <ProjectActionModal key={action ? `${action.kind}-${action.targetId ?? ''}` : 'none'} project={project} action={action} onClose={() => setAction(null)} onReload={() => void query.refetch()} />
    </div>
  );
}
