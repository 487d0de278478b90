import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, apiPut } from './client';
import type { Id, Page, Role, User } from './types';

const usersKey = ['users'] as const;

export interface RoleInput {
  role: Role;
  organizationCode: string;
}

export function useUsers(search: string) {
  return useQuery({
    queryKey: [...usersKey, { search }],
    queryFn: ({ signal }) => apiGet<Page<User>>('/api/v1/users', { search }, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: usersKey });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: { username: string; fullName: string; email?: string; password: string; roles: RoleInput[] }) =>
      apiPost<User>('/api/v1/users', input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: Id; fullName?: string; email?: string }) =>
      apiPatch<User>(`/api/v1/users/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useSetUserRoles() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, roles }: { id: Id; roles: RoleInput[] }) => apiPut<User>(`/api/v1/users/${id}/roles`, { roles }),
    onSuccess: invalidate,
  });
}

export function useDeactivateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: Id) => apiPost<User>(`/api/v1/users/${id}/deactivate`, {}),
    onSuccess: invalidate,
  });
}

export function useResetUserPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: Id; password: string }) =>
      apiPost<{ ok: boolean }>(`/api/v1/users/${id}/reset-password`, { password }),
  });
}
