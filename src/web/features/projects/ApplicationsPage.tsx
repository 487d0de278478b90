/**
 * The register of applications of results (sổ theo dõi ứng dụng kết quả): each application or
 * transfer of an accepted project's results, followed up for two years; filters and Excel export.
 */
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { AsOfPicker } from '../../components/AsOfPicker';
import { ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDate, formatNumber, todayInVietnam } from '../../format';
import { useLanguage } from '../../i18n';
import { APPLICATION_STATUSES, projectApi, useApplications, type ApplicationRow } from './api';
import { RatingTag } from './ProjectTags';
import { useProjectText, type ProjectTextKey } from './text';

export default function ApplicationsPage() {
  const t = useProjectText();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const query = { asOf, status: searchParams.get('status') || undefined, followingUp: searchParams.get('followingUp') || undefined, search: searchParams.get('search') || undefined };
  const applications = useApplications(query);
  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };
  const runExport = async () => {
    setExporting(true);
    try {
      await projectApi.exportApplications(query, asOf);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };
  return (
    <div data-testid="project-applications-page">
      <Link to="/projects">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('detail.back')}
        </Button>
      </Link>
      <PageTitle
        title={t('applications.title')}
        subtitle={t('applications.subtitle')}
        extra={
          <>
            <AsOfPicker value={asOf} onChange={(value) => update('asOf', value === todayInVietnam() ? undefined : value)} testId="applications-as-of" />
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void runExport()} data-testid="applications-export">
              {t('applications.export')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
          <Col xs={24} md={12}>
            <SearchInput value={query.search ?? ''} onSearch={(value) => update('search', value)} placeholder={t('applications.search')} testId="applications-search" />
          </Col>
          <Col xs={12} md={6}>
            <Select
              allowClear
              placeholder={t('form.status')}
              style={{ width: '100%' }}
              value={query.status}
              onChange={(value) => update('status', value)}
              options={APPLICATION_STATUSES.map((value) => ({ value, label: t(`application.${value}` as ProjectTextKey) }))}
            />
          </Col>
          <Col xs={12} md={6}>
            <Select
              allowClear
              placeholder={t('applications.followingUp')}
              style={{ width: '100%' }}
              value={query.followingUp}
              onChange={(value) => update('followingUp', value)}
              options={[
                { value: 'true', label: t('applications.followingUp') },
                { value: 'false', label: t('applications.ended') },
              ]}
            />
          </Col>
        </Row>
        {applications.isError && !applications.data ? (
          <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
        ) : (
          <Table<ApplicationRow>
            size="small"
            rowKey="id"
            loading={applications.isFetching}
            dataSource={applications.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="applications-table"
            scroll={{ x: 1000 }}
            columns={[
              { title: t('column.code'), dataIndex: 'projectCode', width: 120 },
              {
                title: t('column.title'),
                key: 'title',
                render: (_value, row) => (
                  <div>
                    <Link to={`/projects/${row.projectId}`}>{row.projectTitle}</Link>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {row.hostName} <RatingTag rating={row.acceptanceRating} />
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('detail.appliedOn'), dataIndex: 'appliedOn', width: 110, render: (value: string) => formatDate(value) },
              { title: t('detail.applyingOrganization'), dataIndex: 'organizationName', width: 200, render: (value: string | null) => value ?? '—' },
              { title: t('detail.description'), dataIndex: 'description', width: 280 },
              {
                title: t('detail.followUpUntil'),
                key: 'followUp',
                width: 160,
                render: (_value, row) => (
                  <div>
                    {formatDate(row.followUpUntil)}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {row.followingUp ? t('applications.daysLeft', { days: formatNumber(row.daysLeft, language, 0) }) : t('applications.ended')}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('form.status'), dataIndex: 'status', width: 160, render: (value: string, row) => <Tag color={row.followingUp ? 'blue' : 'default'}>{t(`application.${value}` as ProjectTextKey)}</Tag> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
