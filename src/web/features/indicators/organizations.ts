/**
 * Organization helpers of the indicator pages: the province as default, names by code.
 */
import { useMemo } from 'react';
import { useOrganizationTree } from '../../api/organizations';
import type { OrganizationNode } from '../../api/types';
import { flattenOrganizationTree } from '../../components/organization-tree';

/** Phú Thọ: the organization whose figures the indicator pages show by default. */
export const PROVINCE_CODE = '25';

/** Organizations by code (the whole tree, inactive ones included). */
export function useOrganizationIndex(): Map<string, OrganizationNode> {
  const tree = useOrganizationTree(true);
  return useMemo(() => new Map(flattenOrganizationTree(tree.data ?? []).map((node) => [node.code, node])), [tree.data]);
}

/** Whether the children that report are communes and wards (for "126/148 xã, phường đã báo cáo"). */
export function reportsByCommunes(reportingKinds: string[] | null | undefined): boolean {
  const kinds = reportingKinds && reportingKinds.length > 0 ? reportingKinds : ['commune', 'ward'];
  return kinds.every((kind) => kind === 'commune' || kind === 'ward');
}
