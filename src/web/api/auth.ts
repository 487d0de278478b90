import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiPost, apiRequest } from './client';
import type { Me } from './types';

export const meKey = ['me'] as const;

/** The signed-in user; a 401 sends the browser to the login page. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => apiRequest<Me>('GET', '/api/v1/me', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      apiPost<Me>('/api/v1/auth/login', input, { allowUnauthenticated: true }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ ok: boolean }>('/api/v1/auth/logout', {}, { allowUnauthenticated: true }),
    onSettled: () => queryClient.clear(),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      apiPost<{ ok: boolean }>('/api/v1/auth/change-password', input),
  });
}
