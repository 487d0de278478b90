/**
 * Chooses an organization (by its stable code) from the organization tree, searchable without
 * accents by code, name, short name or alias.
 */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrganizationTree } from '../api/organizations';
import type { OrganizationNode } from '../api/types';
import { useT } from '../i18n';
import { matchesSearch } from '../text';
import { sortOrganizationTree } from './organization-tree';

interface OrganizationOption {
  value: string;
  title: string;
  searchText: string;
  disabled?: boolean;
  children: OrganizationOption[];
}

function toOptions(nodes: OrganizationNode[], activeOnly: boolean): OrganizationOption[] {
  return nodes
    .filter((node) => !activeOnly || node.isActive !== false)
    .map((node) => ({
      value: node.code,
      title: node.isActive === false ? `${node.name} (${node.code}) ✕` : node.name,
      searchText: [node.code, node.name, node.shortName, ...(node.aliases ?? [])].filter(Boolean).join(' '),
      children: toOptions(node.children ?? [], activeOnly),
    }));
}

export interface OrganizationTreeSelectProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  /** Leave out organizations that are no longer active (for new records). */
  activeOnly?: boolean;
  /** Options listed before the tree (e.g. groups of organizations), with their own values. */
  extraOptions?: Array<{ value: string; title: string }>;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

export function OrganizationTreeSelect({
  value,
  onChange,
  placeholder,
  activeOnly = false,
  extraOptions,
  allowClear = true,
  style,
  disabled,
  id,
  'data-testid': testId,
}: OrganizationTreeSelectProps) {
  const t = useT();
  const tree = useOrganizationTree(!activeOnly);
  const options = useMemo(() => {
    const extra = (extraOptions ?? []).map((option) => ({ ...option, searchText: option.title, children: [] }));
    return [...extra, ...toOptions(sortOrganizationTree(tree.data ?? []), activeOnly)];
  }, [tree.data, activeOnly, extraOptions]);
  const rootKeys = useMemo(() => (tree.data ?? []).map((node) => node.code), [tree.data]);
  return (
    <TreeSelect<string>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={options}
      treeDefaultExpandedKeys={rootKeys}
      placeholder={placeholder ?? t('organization.choose')}
      allowClear={allowClear}
      disabled={disabled}
      loading={tree.isLoading}
      notFoundContent={tree.isError ? t('error.loadFailed') : t('common.noData')}
      showSearch={{
        filterTreeNode: (input, node) => matchesSearch(input, (node as unknown as OrganizationOption).searchText),
      }}
      treeNodeLabelProp="title"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 560 } } }}
      style={{ minWidth: 220, ...style }}
    />
  );
}
