import { ArrowLeftOutlined, EditOutlined, UnorderedListOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Spin, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useDirective } from '../../api/directives';
import { useTaskStatistics } from '../../api/stats';
import { useTasks } from '../../api/tasks';
import type { Directive, TimelinessFilter } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { FileLinks } from '../../components/FileLinks';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { StatisticsCards } from '../../components/StatisticsCards';
import { formatDate, formatNumber, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { taskListLink, timelinessParams } from '../tasks/task-links';
import { TaskTable } from '../tasks/TaskTable';
import { DirectiveFormModal } from './DirectiveFormModal';

const TimelinessDonut = lazy(() => import('../../components/TimelinessDonut'));

export default function DirectiveDetailPage() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const [paging, setPaging] = useState<{ page: number; pageSize: number; sort?: string }>({ page: 1, pageSize: 20 });
  const [isEditing, setEditing] = useState(false);
  const directive = useDirective(id);
  const stats = useTaskStatistics({ asOf, directive: id });
  const tasks = useTasks({ directive: id, asOf, ...paging });
  const canEdit = (me.data?.roles ?? []).some((grant) => grant.role === 'system_admin' || grant.role === 'coordinator');

  if (directive.isLoading) return <LoadingState rows={10} />;
  if (directive.isError || !directive.data) return <ErrorState error={directive.error} onRetry={() => void directive.refetch()} />;
  const data = directive.data;
  const linkFor = (filter: TimelinessFilter | null) => taskListLink({ directive: id, asOf, ...timelinessParams(filter) });

  return (
    <div data-testid="directive-detail-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/directives')} style={{ paddingInline: 0, marginBottom: 4 }}>
        {t('menu.directives')}
      </Button>
      <PageTitle
        title={<span data-testid="directive-heading">{data.number}</span>}
        subtitle={data.title}
        extra={
          <>
            <Link to={`/tasks/import?directive=${encodeURIComponent(data.number)}`}>
              <Button type="primary" icon={<UploadOutlined />} data-testid="directive-import">
                {t('action.importExcel')}
              </Button>
            </Link>
            <Link to={taskListLink({ directive: id })}>
              <Button icon={<UnorderedListOutlined />}>{t('directive.viewTasks')}</Button>
            </Link>
            {canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="directive-edit">
                {t('action.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          items={[
            { key: 'kind', label: t('directive.kind'), children: <Tag>{t(`directiveKind.${data.kind}`)}</Tag> },
            { key: 'issuer', label: t('directive.issuer'), children: data.issuerName },
            { key: 'issuedOn', label: t('directive.issuedOn'), children: formatDate(data.issuedOn) },
            {
              key: 'parent',
              label: t('directive.parent'),
              children: data.parentId ? <Link to={`/directives/${data.parentId}`}>{data.parentNumber ?? data.parentId}</Link> : '—',
            },
            { key: 'planEndYear', label: t('directive.planEndYear'), children: data.planEndYear ?? '—' },
            { key: 'taskCount', label: t('directive.taskCount'), children: formatNumber(data.taskCount, language, 0) },
            ...(data.summary ? [{ key: 'summary', label: t('directive.summary'), span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.summary}</span> }] : []),
            ...(data.files && data.files.length > 0 ? [{ key: 'files', label: t('task.tab.files'), span: 3, children: <FileLinks files={data.files} /> }] : []),
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t('directive.statistics')}
        extra={<AsOfPicker value={asOf} onChange={(value) => setSearchParams(value === todayInVietnam() ? {} : { asOf: value }, { replace: true })} testId="directive-as-of" />}
        style={{ marginBottom: 12 }}
      >
        {stats.isLoading ? (
          <LoadingState rows={4} />
        ) : stats.isError ? (
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        ) : stats.data ? (
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <StatisticsCards stats={stats.data} linkFor={linkFor} rateLink={`/ranking?asOf=${asOf}&directive=${id}`} />
            </Col>
            <Col xs={24} xl={8}>
              {stats.data.total === 0 ? (
                <EmptyState />
              ) : (
                <Suspense fallback={<Spin style={{ display: 'block', margin: '96px auto' }} />}>
                  <TimelinessDonut stats={stats.data} height={280} onSelect={(timeliness) => navigate(linkFor(timeliness))} />
                </Suspense>
              )}
            </Col>
          </Row>
        ) : null}
      </Card>

      {data.children && data.children.length > 0 ? (
        <Card size="small" title={t('directive.children', { count: data.children.length })} style={{ marginBottom: 12 }}>
          <Table<Directive>
            data-testid="directive-children-table"
            size="small"
            rowKey={(row) => String(row.id)}
            pagination={false}
            dataSource={data.children}
            columns={[
              { title: t('directive.number'), dataIndex: 'number', width: 170, render: (value: string, row) => <Link to={`/directives/${row.id}`}>{value}</Link> },
              { title: t('directive.title'), dataIndex: 'title' },
              { title: t('directive.issuer'), dataIndex: 'issuerName', width: 220 },
              { title: t('directive.issuedOn'), dataIndex: 'issuedOn', width: 120, render: (value: string) => formatDate(value) },
              { title: t('directive.taskCount'), dataIndex: 'taskCount', width: 110, align: 'right', render: (value: number) => formatNumber(value, language, 0) },
            ]}
          />
        </Card>
      ) : null}

      <Card size="small" title={t('directive.tasks')}>
        {tasks.isError && !tasks.data ? (
          <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : (
          <TaskTable
            items={tasks.data?.items ?? []}
            total={tasks.data?.total ?? 0}
            totalIsEstimate={tasks.data?.totalIsEstimate ?? false}
            page={paging.page}
            pageSize={paging.pageSize}
            sort={paging.sort}
            loading={tasks.isFetching}
            asOf={searchParams.get('asOf')}
            onChange={setPaging}
            testId="directive-task-table"
          />
        )}
      </Card>
      <DirectiveFormModal open={isEditing} directive={data} onClose={() => setEditing(false)} />
    </div>
  );
}
