/**
 * Helpers over the organization tree: Vietnamese ordering, flattening, accent-insensitive search.
 */
import type { OrganizationNode } from '../api/types';
import { compareVietnamese, matchesSearch } from '../text';

/** Sorts siblings by name in Vietnamese order, at every level (returns a new tree). */
export function sortOrganizationTree(nodes: OrganizationNode[]): OrganizationNode[] {
  return [...nodes]
    .sort((left, right) => compareVietnamese(left.name, right.name))
    .map((node) => ({ ...node, children: sortOrganizationTree(node.children ?? []) }));
}

/** Every organization of the tree, depth first. */
export function flattenOrganizationTree(nodes: OrganizationNode[]): OrganizationNode[] {
  const result: OrganizationNode[] = [];
  const visit = (list: OrganizationNode[]) => {
    for (const node of list) {
      result.push(node);
      visit(node.children ?? []);
    }
  };
  visit(nodes);
  return result;
}

/** Whether an organization matches a search by code, name, short name, alias or former name. */
export function organizationMatches(node: OrganizationNode, query: string): boolean {
  return matchesSearch(query, node.code, node.name, node.shortName, ...(node.aliases ?? []), ...(node.predecessors ?? []));
}

/**
 * Keeps the organizations matching `query` and their ancestors; `expandedKeys` are the codes to
 * open so that every match is visible.
 */
export function filterOrganizationTree(
  nodes: OrganizationNode[],
  query: string,
): { tree: OrganizationNode[]; expandedKeys: string[]; matchCount: number } {
  const expandedKeys: string[] = [];
  let matchCount = 0;
  const filter = (list: OrganizationNode[]): OrganizationNode[] => {
    const kept: OrganizationNode[] = [];
    for (const node of list) {
      const children = filter(node.children ?? []);
      const isMatch = organizationMatches(node, query);
      if (isMatch) matchCount += 1;
      if (isMatch || children.length > 0) {
        if (children.length > 0) expandedKeys.push(node.code);
        kept.push({ ...node, children });
      }
    }
    return kept;
  };
  const tree = filter(nodes);
  return { tree, expandedKeys, matchCount };
}
