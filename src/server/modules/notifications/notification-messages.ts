/**
 * The Vietnamese words of notifications and e-mails: pure builders, no I/O.
 */
import { daysBetween, formatDateVi } from '../../../domain/dates';
import { formatPeriodVi, type Period } from '../../../domain/periods';
import type { NotificationKind, ReminderKind } from '../../../domain/reminders';

/** What a notification says and where it leads (a path of the web application). */
export interface NotificationMessage {
  title: string;
  body: string;
  link: string;
}

/** The labels of the notification kinds a user chooses, in the order of the preferences page. */
export const notificationKindLabels: Record<NotificationKind, string> = {
  task_assigned: 'Được giao nhiệm vụ mới',
  deadline_soon: 'Nhiệm vụ sắp đến hạn (trước 7, 3 và 1 ngày)',
  overdue: 'Nhiệm vụ quá hạn (ngày đầu tiên, sau đó hằng tuần)',
  completion_submitted: 'Nhiệm vụ được báo cáo hoàn thành, chờ xác nhận',
  completion_returned: 'Báo cáo hoàn thành bị trả lại',
  completion_confirmed: 'Nhiệm vụ được xác nhận hoàn thành',
  extension_requested: 'Đề nghị gia hạn chờ phê duyệt',
  extension_decided: 'Kết quả xử lý đề nghị gia hạn',
  indicator_period_open: 'Mở kỳ nhập số liệu chỉ tiêu',
  indicator_period_last_day: 'Ngày cuối nhập số liệu chỉ tiêu',
};

/** The task a reminder is about. */
export interface TaskSubject {
  id: number;
  title: string;
  directiveNumber: string;
  leadName: string | null;
  deadline: string | null;
}

const quote = (title: string) => `“${title.length > 160 ? `${title.slice(0, 157)}…` : title}”`;

function deadlineText(deadline: string | null): string {
  return deadline ? `thời hạn hoàn thành ${formatDateVi(deadline)}` : 'nhiệm vụ thường xuyên (không có thời hạn)';
}

/**
 * The message of a task reminder on `occurrenceOn`. `data` is the event's data (a return's reason,
 * an extension's requested deadline) when the reminder comes from a workflow event.
 */
export function taskReminderMessage(kind: ReminderKind, task: TaskSubject, occurrenceOn: string, data: Record<string, unknown> | null = null): NotificationMessage {
  const link = `/tasks/${task.id}`;
  const about = `${quote(task.title)} (văn bản ${task.directiveNumber}${task.leadName ? `, cơ quan chủ trì: ${task.leadName}` : ''})`;
  const reason = typeof data?.reason === 'string' && data.reason.trim() ? ` Lý do: ${data.reason.trim()}` : '';
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  switch (kind) {
    case 'task_assigned':
      return { title: 'Nhiệm vụ mới được giao', body: `Đơn vị được giao chủ trì nhiệm vụ ${about}, ${deadlineText(task.deadline)}.`, link };
    case 'deadline_7':
    case 'deadline_3':
    case 'deadline_1': {
      const days = Number(kind.slice('deadline_'.length));
      return {
        title: `Nhiệm vụ sắp đến hạn (còn ${days} ngày)`,
        body: `Nhiệm vụ ${about} có thời hạn hoàn thành ngày ${formatDateVi(task.deadline!)}. Vui lòng cập nhật tiến độ hoặc báo cáo hoàn thành.`,
        link,
      };
    }
    case 'overdue': {
      const days = task.deadline ? daysBetween(task.deadline, occurrenceOn) : 0;
      return {
        title: `Nhiệm vụ quá hạn ${days} ngày`,
        body: `Nhiệm vụ ${about} đã quá thời hạn hoàn thành ngày ${formatDateVi(task.deadline!)} mà chưa hoàn thành. Vui lòng báo cáo tiến độ, khó khăn, vướng mắc hoặc đề nghị gia hạn.`,
        link,
      };
    }
    case 'completion_submitted':
      return { title: 'Nhiệm vụ đã được báo cáo hoàn thành, chờ xác nhận', body: `Nhiệm vụ ${about} đã được báo cáo hoàn thành. Vui lòng xem xét, xác nhận hoặc trả lại.`, link };
    case 'completion_returned':
      return { title: 'Báo cáo hoàn thành bị trả lại', body: `Báo cáo hoàn thành nhiệm vụ ${about} bị trả lại, yêu cầu bổ sung.${reason}`, link };
    case 'completion_confirmed':
      return { title: 'Nhiệm vụ đã được xác nhận hoàn thành', body: `Nhiệm vụ ${about} đã được xác nhận hoàn thành.`, link };
    case 'extension_requested': {
      const requested = text(data?.requestedDeadline);
      return {
        title: 'Đề nghị gia hạn nhiệm vụ chờ phê duyệt',
        body: `Cơ quan chủ trì đề nghị gia hạn nhiệm vụ ${about}${requested ? ` đến ngày ${formatDateVi(requested)}` : ''}.${reason} Vui lòng xem xét, phê duyệt.`,
        link,
      };
    }
    case 'extension_approved': {
      const requested = text(data?.requestedDeadline);
      return { title: 'Đề nghị gia hạn đã được đồng ý', body: `Đề nghị gia hạn nhiệm vụ ${about} đã được đồng ý${requested ? `; thời hạn mới: ${formatDateVi(requested)}` : ''}.`, link };
    }
    case 'extension_rejected':
      return { title: 'Đề nghị gia hạn không được đồng ý', body: `Đề nghị gia hạn nhiệm vụ ${about} không được đồng ý.${reason}`, link };
    default:
      throw new RangeError(`Not a task reminder: ${kind}`);
  }
}

/** The message of an indicator-period reminder to an organization. */
export function indicatorReminderMessage(
  kind: 'indicator_period_open' | 'indicator_period_last_day',
  input: { organizationCode: string; organizationName: string; period: Period; periodCode: string; indicatorCount: number; lastDay: string },
): NotificationMessage {
  const label = formatPeriodVi(input.period).toLowerCase();
  const link = `/indicators/entry?org=${encodeURIComponent(input.organizationCode)}&period=${encodeURIComponent(input.periodCode)}`;
  if (kind === 'indicator_period_open') {
    return {
      title: `Mở kỳ nhập số liệu ${label}`,
      body: `${input.organizationName} vui lòng nhập số liệu ${input.indicatorCount} chỉ tiêu kỳ ${label}; hạn cuối ngày ${formatDateVi(input.lastDay)}.`,
      link,
    };
  }
  return {
    title: `Hôm nay là ngày cuối nhập số liệu ${label}`,
    body: `${input.organizationName} chưa gửi đủ số liệu ${input.indicatorCount} chỉ tiêu kỳ ${label}. Sau hôm nay kỳ báo cáo sẽ khóa số liệu.`,
    link,
  };
}

/** An e-mail: subject, plain text and HTML. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const footer = 'Thư này được gửi tự động từ hệ thống Thực Thi. Bạn có thể chọn loại thông báo nhận qua thư điện tử tại biểu tượng chuông thông báo > Tùy chọn thông báo.';

/** The e-mail of one notification, with the full link to open it. */
export function notificationMail(message: NotificationMessage, recipientName: string, appUrl: string): MailContent {
  const url = `${appUrl}${message.link}`;
  return {
    subject: `[Thực Thi] ${message.title}`,
    text: `Kính gửi ${recipientName},\n\n${message.body}\n\nXem chi tiết: ${url}\n\n--\n${footer}\n`,
    html:
      `<p>Kính gửi ${escapeHtml(recipientName)},</p><p>${escapeHtml(message.body)}</p>` +
      `<p><a href="${escapeHtml(url)}">Xem chi tiết trên Thực Thi</a></p><hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
  };
}

/** The daily digest of a user's notifications. */
export function digestMail(messages: NotificationMessage[], recipientName: string, appUrl: string, date: string): MailContent {
  const lines = messages.map((message, index) => `${index + 1}. ${message.title}\n   ${message.body}\n   ${appUrl}${message.link}`);
  return {
    subject: `[Thực Thi] Tổng hợp ${messages.length} thông báo ngày ${formatDateVi(date)}`,
    text: `Kính gửi ${recipientName},\n\nTổng hợp thông báo về nhiệm vụ và chỉ tiêu của bạn:\n\n${lines.join('\n\n')}\n\n--\n${footer}\n`,
    html:
      `<p>Kính gửi ${escapeHtml(recipientName)},</p><p>Tổng hợp thông báo về nhiệm vụ và chỉ tiêu của bạn:</p><ol>` +
      messages.map((message) => `<li><p><b>${escapeHtml(message.title)}</b><br>${escapeHtml(message.body)}<br><a href="${escapeHtml(`${appUrl}${message.link}`)}">Xem chi tiết</a></p></li>`).join('') +
      `</ol><hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
  };
}
