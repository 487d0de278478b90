/**
 * The reminder scheduler: runs inside the server (every minute), finds the reminders that fell
 * due (src/domain/reminders), and sends each one at most once — in the application and by e-mail —
 * by claiming its key in the reminder log in the transaction that records it. Two servers on one
 * PostgreSQL, or a restart, never send a reminder twice: the second claim finds the key taken.
 *
 * After downtime, reminders due in the last 24 hours are sent late; older ones (since the previous
 * run) are recorded as skipped and logged.
 */
import { addDays, todayInVietnam, type IsoDate } from '../../../domain/dates';
import { formatPeriodCode, periodEnd, type PeriodKind } from '../../../domain/periods';
import {
  catchUpDecision,
  dateReminderDueAt,
  datesBetween,
  deliveryOf,
  eventReminderDueAt,
  indicatorPeriodRemindersOn,
  nearestHolders,
  notificationKindOf,
  recipientGroupsOf,
  reminderKey,
  reminderKindOfEvent,
  taskRemindersOn,
  type DeliveryPreference,
  type ReminderKind,
  type RoleHolder,
  type TaskState,
} from '../../../domain/reminders';
import type { AppConfig } from '../../config';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { insertAuditEvent } from '../audit/audit.repository';
import { createSmtpMailer, type Mailer } from './mailer';
import { digestMail, indicatorReminderMessage, notificationMail, taskReminderMessage, type NotificationMessage } from './notification-messages';
import {
  claimReminderKey,
  claimReminderKeys,
  countSubmittedValues,
  findExistingReminderKeys,
  insertNotification,
  listEnteredIndicators,
  listNotificationPreferences,
  listOrganizationsOfKinds,
  listRoleHolders,
  listTaskEventsForReminders,
  listTasksForDeadlineReminders,
  listUsersWithQueuedDigest,
  readSetting,
  takeQueuedDigestItems,
  updateReminderStatus,
  writeSetting,
  type ReminderTaskRow,
  type RoleHolderRow,
} from './notifications.repository';

const STATE_KEY = 'reminders.lastRunAt';
/** Downtime longer than this is not looked into (what fell due earlier is neither sent nor logged). */
const MAX_LOOKBACK_DAYS = 31;
const DAY = 86_400_000;
const DEFAULT_INTERVAL_MS = 60_000;
const TASK_EVENT_ACTIONS = ['create', 'import', 'submit', 'return', 'confirm', 'extension_request', 'extension_approve', 'extension_reject'];

export interface ReminderSchedulerOptions {
  database: Database;
  clock: Clock;
  config: Pick<AppConfig, 'smtpUrl' | 'appUrl' | 'lockDays'>;
  /** Where the start-up line and the skipped reminders are reported. */
  log?: (line: string) => void;
  /** Time between runs; default one minute. */
  intervalMs?: number;
  /** The mailer to use instead of one made from `config.smtpUrl` (null: in-app only). */
  mailer?: Mailer | null;
}

/** What one run did. */
export interface ReminderRunSummary {
  /** Reminders recorded and delivered in the application (and/or by e-mail or queued for the digest). */
  delivered: number;
  /** E-mails sent (single reminders and digests). */
  emailed: number;
  /** E-mails that failed (the reminder stays recorded: it is not sent again). */
  failed: number;
  /** Queued for a daily digest. */
  queued: number;
  /** Missed during downtime, more than 24 hours ago: recorded as skipped. */
  skipped: number;
  /** Digests sent. */
  digests: number;
}

export interface ReminderScheduler {
  /** One run now (shared with a run already under way). */
  runOnce(): Promise<ReminderRunSummary>;
  /** Runs now and then every interval; says once whether e-mail is configured. */
  start(): void;
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

/** One reminder to deliver or skip. */
interface Candidate {
  key: string;
  subject: string;
  kind: ReminderKind;
  occurrenceOn: IsoDate;
  userId: number;
  decision: 'send' | 'skip';
  message: NotificationMessage;
}

function taskFacts(task: ReminderTaskRow) {
  return {
    assignedOn: task.assignedOn,
    deadline: task.deadline,
    state: task.state as TaskState,
    isContainer: task.isContainer,
    completedOn: task.completedOn,
    cancelledOn: task.cancelledOn,
  };
}

export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { database, clock, config } = options;
  const db = database.db;
  const log = options.log ?? (() => {});
  const mailer: Mailer | null = options.mailer !== undefined ? options.mailer : config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.appUrl) : null;
  let current: Promise<ReminderRunSummary> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function run(): Promise<ReminderRunSummary> {
    const summary: ReminderRunSummary = { delivered: 0, emailed: 0, failed: 0, queued: 0, skipped: 0, digests: 0 };
    const now = clock.now();
    const today = clock.today();
    const stored = await readSetting<{ at: string }>(db, STATE_KEY);
    const storedAt = stored ? new Date(stored.at) : null;
    const previousRunAt = storedAt && storedAt.getTime() <= now.getTime() ? storedAt : null;
    const earliest = new Date(now.getTime() - MAX_LOOKBACK_DAYS * DAY);
    const windowStart = previousRunAt === null ? new Date(now.getTime() - DAY) : previousRunAt > earliest ? previousRunAt : earliest;
    const dates = datesBetween(addDays(todayInVietnam(windowStart), -1), today);
    const decide = (dueAt: Date) => catchUpDecision(dueAt, now, previousRunAt === null ? null : previousRunAt > earliest ? previousRunAt : earliest);

    const holders = await listRoleHolders(db);
    const users = new Map<number, RoleHolderRow>(holders.map((holder) => [holder.userId, holder]));
    const reporters: RoleHolder[] = holders.filter((holder) => holder.role === 'reporter');
    const coordinators: RoleHolder[] = holders.filter((holder) => holder.role === 'coordinator');
    const candidates: Candidate[] = [];

    const recipientsOf = (kind: ReminderKind, task: ReminderTaskRow): number[] => {
      const ids = new Set<number>();
      for (const group of recipientGroupsOf(kind)) {
        const found = group === 'lead_reporters' ? (task.leadPath ? nearestHolders(reporters, task.leadPath) : []) : nearestHolders(coordinators, task.assigningPath);
        for (const id of found) ids.add(id);
      }
      return [...ids];
    };
    const addTaskCandidates = (kind: ReminderKind, task: ReminderTaskRow, occurrenceOn: IsoDate, decision: 'send' | 'skip', data: Record<string, unknown> | null, exclude: number | null) => {
      const recipients = recipientsOf(kind, task).filter((userId) => userId !== exclude);
      if (recipients.length === 0) return;
      const message = taskReminderMessage(kind, task, occurrenceOn, data);
      const subject = `task:${task.id}`;
      for (const userId of recipients) candidates.push({ key: reminderKey({ subject, kind, occurrenceOn, userId }), subject, kind, occurrenceOn, userId, decision, message });
    };

    // Deadlines: 7, 3 and 1 days before; overdue on the first day, then weekly.
    const reminderDates = dates.filter((date) => ['send', 'skip'].includes(decide(dateReminderDueAt(date))));
    const tasks = await listTasksForDeadlineReminders(db, reminderDates);
    for (const date of reminderDates) {
      const decision = decide(dateReminderDueAt(date));
      if (decision !== 'send' && decision !== 'skip') continue;
      for (const task of tasks) {
        for (const kind of taskRemindersOn(taskFacts(task), date)) addTaskCandidates(kind, task, date, decision, null, null);
      }
    }

    // Workflow events: assignment, submission, return, confirmation, extension requests and decisions.
    const events = await listTaskEventsForReminders(db, { from: dates[0], to: today, actions: TASK_EVENT_ACTIONS });
    for (const event of events) {
      const kind = reminderKindOfEvent(event.action);
      if (kind === null || event.task.isContainer || event.task.cancelledOn !== null) continue;
      if (kind === 'task_assigned' && event.task.completedOn !== null) continue;
      // A submission already confirmed or returned needs no one's attention any more.
      if (kind === 'completion_submitted' && event.task.state !== 'awaiting_confirmation') continue;
      const decision = decide(eventReminderDueAt(event.on, now));
      if (decision !== 'send' && decision !== 'skip') continue;
      addTaskCandidates(kind, event.task, event.on, decision, event.data, event.actorUserId);
    }

    // Indicator periods: open for entry, and the last day before they lock.
    const indicators = await listEnteredIndicators(db);
    if (indicators.length > 0) {
      const kinds = [...new Set(indicators.flatMap((indicator) => indicator.reportingKinds))];
      const organizations = await listOrganizationsOfKinds(db, kinds);
      const frequencies = [...new Set(indicators.map((indicator) => indicator.frequency))] as PeriodKind[];
      for (const date of dates) {
        const decision = decide(dateReminderDueAt(date));
        if (decision !== 'send' && decision !== 'skip') continue;
        for (const frequency of frequencies) {
          const due = indicators.filter((indicator) => indicator.frequency === frequency);
          for (const reminder of indicatorPeriodRemindersOn(date, frequency, config.lockDays)) {
            const periodCode = formatPeriodCode(reminder.period);
            const submitted = reminder.kind === 'indicator_period_last_day' ? await countSubmittedValues(db, { period: periodCode, indicatorIds: due.map((indicator) => indicator.id) }) : new Map<number, number>();
            for (const organization of organizations) {
              const count = due.filter((indicator) => indicator.reportingKinds.includes(organization.kind)).length;
              if (count === 0) continue;
              if (reminder.kind === 'indicator_period_last_day' && (submitted.get(organization.id) ?? 0) >= count) continue;
              // The organization's own reporters (a province-wide reporter is not told about every commune).
              const recipients = [...new Set(reporters.filter((holder) => holder.path === organization.path).map((holder) => holder.userId))];
              if (recipients.length === 0) continue;
              const message = indicatorReminderMessage(reminder.kind, {
                organizationCode: organization.code,
                organizationName: organization.name,
                period: reminder.period,
                periodCode,
                indicatorCount: count,
                lastDay: addDays(periodEnd(reminder.period), config.lockDays),
              });
              const subject = `org:${organization.code}:${periodCode}`;
              for (const userId of recipients) {
                candidates.push({ key: reminderKey({ subject, kind: reminder.kind, occurrenceOn: date, userId }), subject, kind: reminder.kind, occurrenceOn: date, userId, decision, message });
              }
            }
          }
        }
      }
    }

    const existing = await findExistingReminderKeys(db, candidates.map((candidate) => candidate.key));
    const fresh = [...new Map(candidates.filter((candidate) => !existing.has(candidate.key)).map((candidate) => [candidate.key, candidate])).values()];

    // Missed during downtime, more than 24 hours ago: recorded as skipped, never sent.
    const skipped = fresh.filter((candidate) => candidate.decision === 'skip');
    if (skipped.length > 0) {
      summary.skipped = await claimReminderKeys(
        db,
        skipped.map((candidate) => ({
          key: candidate.key,
          kind: candidate.kind,
          subject: candidate.subject,
          occurrenceOn: candidate.occurrenceOn,
          userId: candidate.userId,
          channel: 'none',
          status: 'skipped',
          detail: 'Đến hạn quá 24 giờ trước khi máy chủ hoạt động trở lại; không gửi.',
          createdAt: now,
        })),
      );
      if (summary.skipped > 0) {
        log(`Nhắc việc: bỏ qua ${summary.skipped} nhắc việc đến hạn quá 24 giờ trong thời gian máy chủ ngừng hoạt động (đã ghi vào nhật ký nhắc việc).`);
        await insertAuditEvent(db, {
          actorUserId: null,
          actorName: 'system',
          action: 'reminders.skip',
          entity: 'reminder',
          entityId: null,
          after: { count: summary.skipped, keys: skipped.slice(0, 50).map((candidate) => candidate.key) },
        });
      }
    }

    const preferences = new Map<string, DeliveryPreference>(
      (await listNotificationPreferences(db)).map((row) => [`${row.userId}|${row.kind}`, { inApp: row.inApp, email: row.email, digest: row.digest }]),
    );
    for (const candidate of fresh) {
      if (candidate.decision !== 'send') continue;
      const user = users.get(candidate.userId);
      if (!user) continue;
      const kind = candidate.kind === 'digest' ? null : notificationKindOf(candidate.kind);
      const delivery = deliveryOf(kind ? preferences.get(`${candidate.userId}|${kind}`) : undefined, { canEmail: mailer !== null, hasAddress: Boolean(user.email) });
      const channels = [delivery.inApp ? 'in_app' : null, delivery.email ? 'email' : null, delivery.digest ? 'digest' : null].filter(Boolean).join(',');
      const status = delivery.email ? 'sending' : delivery.digest ? 'queued' : channels ? 'sent' : 'suppressed';
      const claimed = await db.transaction(async (tx) => {
        const isNew = await claimReminderKey(tx, {
          key: candidate.key,
          kind: candidate.kind,
          subject: candidate.subject,
          occurrenceOn: candidate.occurrenceOn,
          userId: candidate.userId,
          channel: channels || 'none',
          status,
          detail: delivery.digest ? JSON.stringify(candidate.message) : channels ? null : 'Người nhận đã tắt loại thông báo này.',
          createdAt: now,
        });
        if (isNew && delivery.inApp) {
          await insertNotification(tx, { userId: candidate.userId, kind: candidate.kind, title: candidate.message.title, body: candidate.message.body, link: candidate.message.link, createdAt: now });
        }
        return isNew;
      });
      if (!claimed) continue;
      if (channels) summary.delivered += 1;
      if (delivery.digest) summary.queued += 1;
      if (delivery.email && mailer && user.email) {
        try {
          await mailer.send(user.email, notificationMail(candidate.message, user.fullName, config.appUrl));
          await updateReminderStatus(db, candidate.key, 'sent', null);
          summary.emailed += 1;
        } catch (error) {
          await updateReminderStatus(db, candidate.key, 'failed', `Gửi thư không thành công: ${(error as Error).message}`.slice(0, 1000));
          summary.failed += 1;
        }
      }
    }

    // The daily digest, at 07:00: everything queued for the user since the previous one.
    const anyDigest = [...preferences.values()].some((preference) => preference.digest);
    if (mailer && anyDigest) {
      const digestDate = now.getTime() >= dateReminderDueAt(today).getTime() ? today : addDays(today, -1);
      if (decide(dateReminderDueAt(digestDate)) === 'send') {
        for (const userId of await listUsersWithQueuedDigest(db)) {
          const user = users.get(userId);
          if (!user?.email) continue;
          const key = reminderKey({ subject: 'digest', kind: 'digest', occurrenceOn: digestDate, userId });
          const items = await db.transaction(async (tx) => {
            const isNew = await claimReminderKey(tx, { key, kind: 'digest', subject: 'digest', occurrenceOn: digestDate, userId, channel: 'email', status: 'sending', detail: null, createdAt: now });
            return isNew ? takeQueuedDigestItems(tx, userId) : null;
          });
          if (items === null) continue;
          const messages = items.flatMap((item) => {
            try {
              return [JSON.parse(item.detail ?? '') as NotificationMessage];
            } catch {
              return [];
            }
          });
          try {
            if (messages.length > 0) await mailer.send(user.email, digestMail(messages, user.fullName, config.appUrl, digestDate));
            await updateReminderStatus(db, key, 'sent', `${messages.length} thông báo`);
            summary.digests += 1;
            summary.emailed += messages.length > 0 ? 1 : 0;
          } catch (error) {
            await updateReminderStatus(db, key, 'failed', `Gửi thư không thành công: ${(error as Error).message}`.slice(0, 1000));
            summary.failed += 1;
          }
        }
      }
    }

    if (storedAt === null || storedAt.getTime() < now.getTime()) await writeSetting(db, STATE_KEY, { at: now.toISOString() });
    return summary;
  }

  function runOnce(): Promise<ReminderRunSummary> {
    current ??= run().finally(() => {
      current = null;
    });
    return current;
  }

  return {
    runOnce,
    start() {
      log(
        mailer
          ? `Nhắc việc: gửi thông báo trong ứng dụng và thư điện tử qua ${mailer.description}.`
          : 'Nhắc việc: chưa cấu hình SMTP_URL, chỉ gửi thông báo trong ứng dụng (không gửi thư điện tử).',
      );
      const tick = () => {
        runOnce().catch((error: unknown) => log(`Nhắc việc: lỗi khi chạy (${(error as Error).message}); sẽ thử lại ở lần chạy sau.`));
      };
      tick();
      timer = setInterval(tick, options.intervalMs ?? DEFAULT_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current?.catch(() => undefined);
      mailer?.close();
    },
  };
}

/** Creates the scheduler and starts it (the server's start-up). */
export function startReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const scheduler = createReminderScheduler(options);
  scheduler.start();
  return scheduler;
}
