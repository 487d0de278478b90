/**
 * The bell: the user's notifications, the unread count, marking read, and the preferences.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, apiPut } from './client';

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** A path of the application (`/tasks/12`). */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
}

export interface NotificationPreference {
  kind: string;
  label: string;
  inApp: boolean;
  email: boolean;
  digest: boolean;
}

export interface NotificationPreferences {
  items: NotificationPreference[];
  emailEnabled: boolean;
  email: string | null;
}

const notificationsKey = ['notifications'] as const;
/** How often the bell asks for new notifications. */
const POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsKey, 'unread'],
    queryFn: ({ signal }) => apiGet<{ count: number }>('/api/v1/notifications/unread-count', undefined, signal),
    refetchInterval: POLL_MS,
  });
}

export function useNotifications(query: { page: number; pageSize: number; unread?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', query],
    queryFn: ({ signal }) => apiGet<NotificationPage>('/api/v1/notifications', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiPost<{ count: number }>(`/api/v1/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ count: number; marked: number }>('/api/v1/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useNotificationPreferences(enabled = true) {
  return useQuery({
    queryKey: [...notificationsKey, 'preferences'],
    queryFn: ({ signal }) => apiGet<NotificationPreferences>('/api/v1/notifications/preferences', undefined, signal),
    enabled,
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: Omit<NotificationPreference, 'label'>[]) => apiPut<NotificationPreferences>('/api/v1/notifications/preferences', { items }),
    onSuccess: (data) => queryClient.setQueryData([...notificationsKey, 'preferences'], data),
  });
}
