import type { Actor } from '../../../domain/policies';
import { defaultDeliveryPreference, notificationKinds, type NotificationKind } from '../../../domain/reminders';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { findUserById } from '../users/users.repository';
import { notificationKindLabels } from './notification-messages';
import {
  countUnreadNotifications,
  listNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  upsertNotificationPreferences,
} from './notifications.repository';

/** One kind of notification and how the user receives it. */
export interface PreferenceView {
  kind: NotificationKind;
  label: string;
  inApp: boolean;
  email: boolean;
  digest: boolean;
}

/**
 * The bell: a user's notifications (only their own), the unread count, marking read; and the
 * user's choice of which notifications to receive and how.
 */
export function createNotificationsService(database: Database, clock: Clock, options: { emailEnabled: boolean }) {
  const db = database.db;

  async function preferences(actor: Actor) {
    const stored = new Map((await listNotificationPreferences(db, actor.userId)).map((row) => [row.kind, row]));
    const user = await findUserById(db, actor.userId);
    const items: PreferenceView[] = notificationKinds.map((kind) => {
      const row = stored.get(kind) ?? defaultDeliveryPreference;
      return { kind, label: notificationKindLabels[kind], inApp: row.inApp, email: row.email, digest: row.digest };
    });
    return { items, emailEnabled: options.emailEnabled, email: user?.email ?? null };
  }

  return {
    async list(actor: Actor, query: { unread?: boolean; page: number; pageSize: number }) {
      const { items, total } = await listNotifications(db, {
        userId: actor.userId,
        unreadOnly: query.unread ?? false,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        items: items.map((row) => ({ id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: row.createdAt, readAt: row.readAt })),
        total,
        unread: await countUnreadNotifications(db, actor.userId),
      };
    },

    async unreadCount(actor: Actor) {
      return { count: await countUnreadNotifications(db, actor.userId) };
    },

    /** @throws AppError NOT_FOUND when the notification is not the user's. */
    async markRead(actor: Actor, id: number) {
      if (!(await markNotificationRead(db, actor.userId, id, clock.now()))) throw notFound(`thông báo có mã ${id}`);
      return { count: await countUnreadNotifications(db, actor.userId) };
    },

    async markAllRead(actor: Actor) {
      const marked = await markAllNotificationsRead(db, actor.userId, clock.now());
      return { marked, count: 0 };
    },

    preferences,

    /** Saves the kinds given (the others keep their setting) and records the change in the audit log. */
    async savePreferences(actor: Actor, items: { kind: NotificationKind; inApp: boolean; email: boolean; digest: boolean }[]) {
      const before = await preferences(actor);
      await db.transaction(async (tx) => {
        await upsertNotificationPreferences(
          tx,
          items.map((item) => ({ userId: actor.userId, kind: item.kind, inApp: item.inApp, email: item.email, digest: item.digest })),
        );
        await insertAuditEvent(tx, {
          actorUserId: actor.userId,
          actorName: actor.username,
          action: 'notification_preferences.update',
          entity: 'user',
          entityId: actor.userId,
          before: before.items.filter((item) => items.some((changed) => changed.kind === item.kind)).map(({ label: _label, ...item }) => item),
          after: items,
        });
      });
      return preferences(actor);
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
