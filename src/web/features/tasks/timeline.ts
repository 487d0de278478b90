import type { MessageKey } from '../../i18n';

/** Canonical timeline actions and the spellings the API may use for them. */
const ACTION_ALIASES: Record<string, string> = {
  create: 'created',
  created: 'created',
  import: 'imported',
  imported: 'imported',
  update: 'updated',
  updated: 'updated',
  edit: 'updated',
  edited: 'updated',
  progress: 'progress_reported',
  progress_update: 'progress_reported',
  progress_updated: 'progress_reported',
  progress_reported: 'progress_reported',
  update_progress: 'progress_reported',
  updates: 'progress_reported',
  submit: 'submitted',
  submitted: 'submitted',
  submission: 'submitted',
  confirm: 'confirmed',
  confirmed: 'confirmed',
  complete: 'confirmed',
  completed: 'confirmed',
  return: 'returned',
  returned: 'returned',
  extension_request: 'extension_requested',
  extension_requested: 'extension_requested',
  request_extension: 'extension_requested',
  extension_approve: 'extension_approved',
  extension_approved: 'extension_approved',
  approve_extension: 'extension_approved',
  extension_reject: 'extension_rejected',
  extension_rejected: 'extension_rejected',
  reject_extension: 'extension_rejected',
  pause: 'paused',
  paused: 'paused',
  resume: 'resumed',
  resumed: 'resumed',
  cancel: 'cancelled',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  subtask: 'subtask_created',
  subtask_created: 'subtask_created',
  assign: 'assigned',
  assigned: 'assigned',
};

/** The dictionary key naming a timeline action, or null for an action this app does not know. */
export function timelineActionKey(action: string): MessageKey | null {
  const normalized = action
    .toLowerCase()
    .replace(/^tasks?[._:-]/, '')
    .replace(/[.:\- ]/g, '_');
  const canonical = ACTION_ALIASES[normalized];
  return canonical ? (`timelineAction.${canonical}` as MessageKey) : null;
}

/** The colour of a timeline dot for an action (hex: antd maps the named colours to the theme). */
export function timelineColor(action: string): string {
  const key = timelineActionKey(action) ?? '';
  if (key.endsWith('confirmed') || key.endsWith('extension_approved')) return '#389e0d';
  if (key.endsWith('returned') || key.endsWith('rejected') || key.endsWith('cancelled')) return '#cf1322';
  if (key.includes('extension') || key.endsWith('paused')) return '#fa8c16';
  return '#1d4f91';
}
