import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notificationKinds } from '../../../domain/reminders';
import { databaseId, pageQuery } from '../../validation';

const notificationSchema = z.object({
  id: z.number(),
  kind: z.string().describe('Loại: task_assigned, deadline_7/3/1, overdue, completion_returned…'),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('Đường dẫn trong ứng dụng (/tasks/12)'),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

const preferenceItem = z.object({
  kind: z.enum(notificationKinds),
  inApp: z.boolean().describe('Hiện trong ứng dụng (chuông thông báo)'),
  email: z.boolean().describe('Gửi thư điện tử'),
  digest: z.boolean().describe('Gộp thư điện tử thành một thư tổng hợp hằng ngày'),
});

const preferencesSchema = z.object({
  items: z.array(preferenceItem.extend({ label: z.string() })),
  emailEnabled: z.boolean().describe('Máy chủ có cấu hình gửi thư điện tử (SMTP_URL)'),
  email: z.string().nullable().describe('Địa chỉ thư điện tử của người dùng'),
});

const countSchema = z.object({ count: z.number().int().describe('Số thông báo chưa đọc') });

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { notifications } = app.deps.services;

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo của người dùng (mới nhất trước)',
        querystring: z.object({ unread: z.enum(['true', 'false']).transform((value) => value === 'true').optional(), ...pageQuery }),
        response: { 200: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number() }) },
      },
    },
    async (request) => notifications.list(request.requireActor(), request.query),
  );

  app.get(
    '/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: 'Số thông báo chưa đọc', response: { 200: countSchema } } },
    async (request) => notifications.unreadCount(request.requireActor()),
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Đánh dấu tất cả đã đọc', response: { 200: countSchema.extend({ marked: z.number().int() }) } } },
    async (request) => notifications.markAllRead(request.requireActor()),
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: 'Đánh dấu một thông báo đã đọc', params: z.object({ id: databaseId }), response: { 200: countSchema } } },
    async (request) => notifications.markRead(request.requireActor(), request.params.id),
  );

  app.get(
    '/notifications/preferences',
    { schema: { tags: ['notifications'], summary: 'Tùy chọn nhận thông báo', response: { 200: preferencesSchema } } },
    async (request) => notifications.preferences(request.requireActor()),
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Lưu tùy chọn nhận thông báo',
        body: z.object({ items: z.array(preferenceItem).min(1).max(notificationKinds.length) }),
        response: { 200: preferencesSchema },
      },
    },
    async (request) => notifications.savePreferences(request.requireActor(), request.body.items),
  );
};
