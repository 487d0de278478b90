/**
 * The organization tree: search without accents, details, create, edit, deactivate.
 */
import { ApartmentOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Row, Tag, Tree, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useDeactivateOrganization, useOrganizationTree } from '../../api/organizations';
import type { Organization, OrganizationNode } from '../../api/types';
import { DISPLAY_DATE, fromDayjs } from '../../components/dates';
import { filterOrganizationTree, flattenOrganizationTree, sortOrganizationTree } from '../../components/organization-tree';
import { ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDate, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { OrganizationFormModal } from './OrganizationFormModal';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

function toTreeNodes(nodes: OrganizationNode[], inactiveLabel: string): TreeNode[] {
  return nodes.map((node) => ({
    key: node.code,
    title: (
      <span data-testid={`org-node-${node.code}`} style={node.isActive === false ? { color: '#999' } : undefined}>
        {node.name}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
          {node.code}
        </Typography.Text>
        {node.isActive === false ? (
          <Tag style={{ marginInlineStart: 6 }} variant="outlined">
            {inactiveLabel}
          </Tag>
        ) : null}
      </span>
    ),
    children: toTreeNodes(node.children ?? [], inactiveLabel),
  }));
}

export default function OrganizationsPage() {
  const t = useT();
  const { language } = useLanguage();
  const { modal, message } = App.useApp();
  const tree = useOrganizationTree(true);
  const deactivate = useDeactivateOrganization();
  const [search, setSearch] = useState('');
  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const [expandedKeys, setExpandedKeys] = useState<string[] | null>(null);
  const [form, setForm] = useState<{ organization?: Organization | null; parentCode?: string | null } | null>(null);

  const sorted = useMemo(() => sortOrganizationTree(tree.data ?? []), [tree.data]);
  const all = useMemo(() => flattenOrganizationTree(sorted), [sorted]);
  const filtered = useMemo(() => (search.trim() ? filterOrganizationTree(sorted, search) : null), [sorted, search]);
  const treeData = useMemo(() => toTreeNodes(filtered ? filtered.tree : sorted, t('organization.inactive')), [filtered, sorted, t]);
  const selected = all.find((organization) => organization.code === selectedCode) ?? null;
  const parent = selected?.parentCode ? all.find((organization) => organization.code === selected.parentCode) : null;
  const defaultExpanded = useMemo(() => sorted.map((node) => node.code), [sorted]);

  const confirmDeactivate = (organization: Organization) => {
    let validTo: string | undefined;
    modal.confirm({
      title: t('organization.deactivateTitle', { name: organization.name }),
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>{t('organization.deactivateText')}</Typography.Text>
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary">{t('organization.validTo')}</Typography.Text>
            <DatePicker
              format={DISPLAY_DATE}
              onChange={(value: Dayjs | null) => {
                validTo = fromDayjs(value);
              }}
              data-testid="organization-valid-to"
            />
          </Flex>
        </Flex>
      ),
      okText: t('organization.deactivate'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await deactivate.mutateAsync({ code: organization.code, validTo });
          void message.success(t('organization.deactivated', { name: organization.name }));
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  return (
    <div data-testid="organizations-page">
      <PageTitle
        title={t('menu.organizations')}
        subtitle={t('organization.subtitle', { count: formatNumber(all.length, language, 0) })}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ organization: null, parentCode: null })} data-testid="organization-create">
            {t('organization.create')}
          </Button>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={13}>
          <Card size="small">
            <SearchInput
              value={search}
              onSearch={(value) => {
                setSearch(value);
                setExpandedKeys(null);
              }}
              delay={200}
              placeholder={t('organization.searchPlaceholder')}
              style={{ marginBottom: 8 }}
              testId="organization-search"
            />
            {filtered ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }} data-testid="organization-match-count">
                {t('organization.matches', { count: formatNumber(filtered.matchCount, language, 0) })}
              </Typography.Text>
            ) : null}
            {tree.isLoading ? (
              <LoadingState rows={10} />
            ) : tree.isError ? (
              <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />
            ) : treeData.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('organization.noMatch') : t('common.noData')} />
            ) : (
              <Tree
                data-testid="org-tree"
                showLine
                blockNode
                height={560}
                treeData={treeData}
                selectedKeys={selectedCode ? [selectedCode] : []}
                expandedKeys={expandedKeys ?? (filtered ? filtered.expandedKeys : defaultExpanded)}
                onExpand={(keys) => setExpandedKeys(keys.map(String))}
                onSelect={(keys) => setSelectedCode(keys.length ? String(keys[0]) : null)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card
            size="small"
            title={t('organization.detail')}
            data-testid="organization-detail"
          >
            {selected ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {selected.name}
                </Typography.Title>
                <Flex gap={6} wrap style={{ marginBottom: 12 }}>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setForm({ organization: null, parentCode: selected.code })} data-testid="organization-add-child">
                    {t('organization.addChild')}
                  </Button>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ organization: selected })} data-testid="organization-edit">
                    {t('action.edit')}
                  </Button>
                  {selected.isActive !== false ? (
                    <Button size="small" danger icon={<StopOutlined />} onClick={() => confirmDeactivate(selected)} data-testid="organization-deactivate">
                      {t('organization.deactivate')}
                    </Button>
                  ) : null}
                </Flex>
                {selected.isActive === false ? (
                  <Alert type="warning" showIcon title={t('organization.inactiveSince', { date: formatDate(selected.validTo) })} style={{ marginBottom: 12 }} />
                ) : null}
                <Descriptions
                  size="small"
                  bordered
                  column={1}
                  styles={{ label: { width: 150 } }}
                  items={[
                    { key: 'code', label: t('organization.code'), children: <Typography.Text code data-testid="organization-detail-code">{selected.code}</Typography.Text> },
                    { key: 'name', label: t('organization.name'), children: selected.name },
                    { key: 'shortName', label: t('organization.shortName'), children: selected.shortName || '—' },
                    {
                      key: 'aliases',
                      label: t('organization.aliases'),
                      children:
                        selected.aliases && selected.aliases.length > 0 ? (
                          <Flex wrap gap={4}>
                            {selected.aliases.map((alias) => (
                              <Tag key={alias}>{alias}</Tag>
                            ))}
                          </Flex>
                        ) : (
                          '—'
                        ),
                    },
                    ...(selected.predecessors && selected.predecessors.length > 0
                      ? [
                          {
                            key: 'predecessors',
                            label: t('organization.predecessors'),
                            children: (
                              <Flex wrap gap={4}>
                                {selected.predecessors.map((name) => (
                                  <Tag key={name} color="default">
                                    {name}
                                  </Tag>
                                ))}
                              </Flex>
                            ),
                          },
                        ]
                      : []),
                    { key: 'kind', label: t('organization.kind'), children: t(`organizationKind.${selected.kind}`) },
                    {
                      key: 'parent',
                      label: t('organization.parent'),
                      children: parent ? (
                        <Typography.Link onClick={() => setSelectedCode(parent.code)}>{parent.name}</Typography.Link>
                      ) : (
                        '—'
                      ),
                    },
                    { key: 'children', label: t('organization.childCount'), children: formatNumber(selected.children?.length ?? 0, language, 0) },
                    { key: 'validFrom', label: t('organization.validFrom'), children: formatDate(selected.validFrom) },
                    {
                      key: 'status',
                      label: t('common.status'),
                      children:
                        selected.isActive === false ? <Tag>{t('organization.inactive')}</Tag> : <Tag color="green">{t('organization.active')}</Tag>,
                    },
                  ]}
                />
              </>
            ) : (
              <Empty image={<ApartmentOutlined style={{ fontSize: 48, color: '#bfbfbf' }} />} description={t('organization.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
      <OrganizationFormModal
        open={form !== null}
        organization={form?.organization ?? null}
        parentCode={form?.parentCode ?? null}
        onClose={() => setForm(null)}
        onSaved={(organization) => setSelectedCode(organization.code)}
      />
    </div>
  );
}
