import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from './client';
import type { Organization, OrganizationInput, OrganizationNode, Page } from './types';

const organizationsKey = ['organizations'] as const;

/** Named sets of organizations an import name may stand for ("Các sở, ban, ngành"). */
export const ORGANIZATION_GROUPS = ['communes', 'departments', 'ministries', 'provinces', 'ministries_and_provinces'] as const;
export type OrganizationGroup = (typeof ORGANIZATION_GROUPS)[number];

/**
 * The whole organization tree (active organizations, or all with `includeInactive`); it changes
 * rarely, so it is cached for a while.
 */
export function useOrganizationTree(includeInactive = false) {
  return useQuery({
    queryKey: [...organizationsKey, 'tree', { includeInactive }],
    queryFn: ({ signal }) =>
      apiGet<OrganizationNode[]>('/api/v1/organizations/tree', includeInactive ? { includeInactive: 'true' } : undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useOrganizations(params: { search?: string; kind?: string; parent?: string; includeInactive?: boolean }) {
  return useQuery({
    queryKey: [...organizationsKey, 'list', params],
    queryFn: ({ signal }) => apiGet<Page<Organization>>('/api/v1/organizations', params, signal),
    staleTime: 60_000,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationInput) => apiPost<Organization>('/api/v1/organizations', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...input }: Omit<OrganizationInput, 'code'> & { code: string }) =>
      apiPatch<Organization>(`/api/v1/organizations/${encodeURIComponent(code)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

export function useDeactivateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, validTo }: { code: string; validTo?: string }) =>
      apiPost<Organization>(`/api/v1/organizations/${encodeURIComponent(code)}/deactivate`, validTo ? { validTo } : {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}

/** Keeps an unknown name from an import as an alias of an organization. */
export function useAddOrganizationAlias() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; organizationCode?: string; group?: OrganizationGroup }) =>
      apiPost<{ ok: boolean; normalizedName: string }>('/api/v1/organizations/aliases', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationsKey }),
  });
}
