/**
 * The task list: filters, sorting and paging on the server, all kept in the address bar so a
 * filtered list can be shared as a link.
 */
import { ClearOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Row, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { exportTasks, useTasks, type TaskQuery } from '../../api/tasks';
import { DUE_TIMELINESS, TASK_STATES, TIMELINESS_VALUES, type TaskState, type Timeliness } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { DirectiveSelect } from '../../components/DirectiveSelect';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDate, todayInVietnam } from '../../format';
import { useT } from '../../i18n';
import { TaskTable } from './TaskTable';

const FILTER_KEYS = ['asOf', 'directive', 'group', 'org', 'timeliness', 'dueSoon', 'state', 'deadlineFrom', 'deadlineTo', 'search'] as const;
const DEFAULT_PAGE_SIZE = 20;

/** The values of a comma-separated parameter. */
function csv(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

function positiveInteger(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export default function TaskListPage() {
  const t = useT();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isExporting, setExporting] = useState(false);

  const query = useMemo<TaskQuery>(() => {
    const result: TaskQuery = {
      page: positiveInteger(searchParams.get('page'), 1),
      pageSize: positiveInteger(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE),
      sort: searchParams.get('sort') || undefined,
    };
    for (const key of FILTER_KEYS) {
      const value = searchParams.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [searchParams]);

  const tasks = useTasks(query);
  const asOf = query.asOf ?? todayInVietnam();

  /** Changes some parameters; any filter change goes back to page 1. */
  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
    if (next.get('page') === '1') next.delete('page');
    setSearchParams(next, { replace: true });
  };

  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));

  // A multiple choice reads as one label: the category, "Đã đến hạn", or "Tình trạng: 3".
  const chosenTimeliness = csv(query.timeliness);
  const timelinessSummary =
    chosenTimeliness.length === 1
      ? t(`timeliness.${chosenTimeliness[0] as Timeliness}`)
      : chosenTimeliness.length === DUE_TIMELINESS.length && DUE_TIMELINESS.every((value) => chosenTimeliness.includes(value))
        ? t('timeliness.due')
        : `${t('task.timeliness')}: ${chosenTimeliness.length}`;
  const chosenStates = csv(query.state);
  const stateSummary = chosenStates.length === 1 ? t(`taskState.${chosenStates[0] as TaskState}`) : `${t('task.state')}: ${chosenStates.length}`;

  const runExport = async () => {
    setExporting(true);
    try {
      await exportTasks(query, `nhiem-vu-${asOf}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const directiveNumber = tasks.data?.items.find((row) => String(row.directiveId) === query.directive)?.directiveNumber;

  return (
    <div data-testid="task-list-page">
      <PageTitle
        title={t('menu.tasks')}
        subtitle={t('task.listSubtitle', { date: formatDate(tasks.data?.asOf ?? asOf) })}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void runExport()} loading={isExporting} data-testid="task-export">
              {t('action.exportExcel')}
            </Button>
            <Link to={directiveNumber ? `/tasks/import?directive=${encodeURIComponent(directiveNumber)}` : '/tasks/import'}>
              <Button type="primary" icon={<UploadOutlined />} data-testid="task-import-link">
                {t('action.importExcel')}
              </Button>
            </Link>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="task-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <SearchInput
              value={query.search ?? ''}
              onSearch={(value) => update({ search: value })}
              placeholder={t('task.searchPlaceholder')}
              testId="task-search"
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <DirectiveSelect
              value={query.directive}
              onChange={(value) => update({ directive: value })}
              placeholder={t('directive.directive')}
              style={{ width: '100%' }}
              data-testid="filter-directive"
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <OrganizationTreeSelect
              value={query.org}
              onChange={(value) => update({ org: value })}
              placeholder={t('task.lead')}
              style={{ width: '100%' }}
              data-testid="filter-org"
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <SearchInput
              value={query.group ?? ''}
              onSearch={(value) => update({ group: value })}
              placeholder={t('task.group')}
              testId="filter-group"
              icon={false}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Flex gap={8} align="center">
              <Select<string[]>
                mode="multiple"
                value={csv(query.timeliness)}
                onChange={(values) => update({ timeliness: values.join(',') })}
                placeholder={t('task.timeliness')}
                allowClear
                maxTagCount={0}
                maxTagPlaceholder={() => timelinessSummary}
                style={{ flex: 1, minWidth: 0 }}
                popupMatchSelectWidth={false}
                data-testid="filter-timeliness"
                options={TIMELINESS_VALUES.map((value) => ({ value, label: t(`timeliness.${value}`) }))}
              />
              <Checkbox
                checked={query.dueSoon === 'true'}
                onChange={(event) => update({ dueSoon: event.target.checked ? 'true' : undefined })}
                data-testid="filter-due-soon"
                style={{ whiteSpace: 'nowrap' }}
              >
                {t('timeliness.due_soon')}
              </Checkbox>
            </Flex>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Select<string[]>
              mode="multiple"
              value={csv(query.state)}
              onChange={(values) => update({ state: values.join(',') })}
              placeholder={t('task.state')}
              allowClear
              maxTagCount={0}
              maxTagPlaceholder={() => stateSummary}
              style={{ width: '100%' }}
              popupMatchSelectWidth={false}
              data-testid="filter-state"
              options={TASK_STATES.map((value) => ({ value, label: t(`taskState.${value}`) }))}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t('task.deadline')}
              </Typography.Text>
              <DatePicker.RangePicker
                value={[toDayjs(query.deadlineFrom) ?? null, toDayjs(query.deadlineTo) ?? null]}
                format={DISPLAY_DATE}
                allowEmpty={[true, true]}
                placeholder={[t('common.from'), t('common.to')]}
                onChange={(range) => update({ deadlineFrom: fromDayjs(range?.[0]), deadlineTo: fromDayjs(range?.[1]) })}
                style={{ width: '100%' }}
                data-testid="filter-deadline"
              />
            </Flex>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <AsOfPicker
              value={asOf}
              onChange={(value) => update({ asOf: value === todayInVietnam() ? undefined : value }, false)}
              testId="filter-as-of"
            />
          </Col>
          <Col xs={24} md={12} xl={8} style={{ textAlign: 'right' }}>
            <Button
              icon={<ClearOutlined />}
              disabled={!hasFilters}
              onClick={() => setSearchParams(new URLSearchParams(), { replace: true })}
              data-testid="filter-clear"
            >
              {t('action.clearFilters')}
            </Button>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        {tasks.isError && !tasks.data ? (
          <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : (
          <TaskTable
            items={tasks.data?.items ?? []}
            total={tasks.data?.total ?? 0}
            totalIsEstimate={tasks.data?.totalIsEstimate ?? false}
            page={query.page ?? 1}
            pageSize={query.pageSize ?? DEFAULT_PAGE_SIZE}
            sort={query.sort}
            loading={tasks.isFetching}
            asOf={query.asOf}
            onChange={(next) =>
              update(
                {
                  page: next.page,
                  pageSize: next.pageSize,
                  sort: next.sort,
                },
                false,
              )
            }
          />
        )}
      </Card>
    </div>
  );
}
