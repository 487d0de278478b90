/**
 * The workflow actions on a task, shown according to the `permissions` the API grants and the
 * task's state. Every write sends the `version` that was read; a 409 offers to reload.
 */
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FormOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useTaskAction, type TaskAction } from '../../api/tasks';
import type { Extension, TaskDetail } from '../../api/types';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { EvidenceUpload, isUploading, uploadedFileIds } from '../../components/EvidenceUpload';
import { formatDate } from '../../format';
import { useT, type MessageKey } from '../../i18n';

/** The actions that open a form. */
type FormActionKind = 'update' | 'submit' | 'return' | 'requestExtension' | 'rejectExtension' | 'pause' | 'resume' | 'cancel';

interface FormValues {
  percent?: number;
  narrative?: string;
  difficulties?: string;
  proposals?: string;
  note?: string;
  reason?: string;
  requestedDeadline?: Dayjs;
  files?: UploadFile[];
}

const FORM_TITLES: Record<FormActionKind, MessageKey> = {
  update: 'taskAction.update',
  submit: 'taskAction.submit',
  return: 'taskAction.return',
  requestExtension: 'taskAction.requestExtension',
  rejectExtension: 'taskAction.rejectExtension',
  pause: 'taskAction.pause',
  resume: 'taskAction.resume',
  cancel: 'taskAction.cancel',
};

const ACTIVE_STATES = new Set(['assigned', 'in_progress']);

/** The pending extension request of a task, if any. */
export function pendingExtension(task: TaskDetail): Extension | undefined {
  return (task.extensions ?? []).find((extension) => extension.status === 'pending');
}

export function TaskActions({ task, onReload }: { task: TaskDetail; onReload: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const action = useTaskAction(task.id);
  const [form] = Form.useForm<FormValues>();
  const [openForm, setOpenForm] = useState<{ kind: FormActionKind; extensionId?: Extension['id'] } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const permissions = task.permissions ?? { canReport: false, canConfirm: false, canDecideExtension: false, canManage: false };
  const pending = pendingExtension(task);

  const showConflict = (error: ApiError) => {
    modal.confirm({
      title: t('conflict.title'),
      content: error.message,
      okText: t('action.reload'),
      cancelText: t('action.close'),
      onOk: onReload,
    });
  };

  /** Sends an action; resolves true when it succeeded. */
  const run = async (taskAction: TaskAction, successKey: MessageKey): Promise<boolean> => {
    try {
      await action.mutateAsync({ version: task.version, action: taskAction });
      void message.success(t(successKey));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        showConflict(error);
        return true; // the form is stale: close it
      }
      throw error;
    }
  };

  const openActionForm = (kind: FormActionKind, extensionId?: Extension['id']) => {
    form.resetFields();
    if (kind === 'update') form.setFieldsValue({ percent: Math.round(task.progress ?? 0) });
    setFormError(null);
    setOpenForm({ kind, extensionId });
  };

  const closeForm = () => {
    setOpenForm(null);
    setFormError(null);
  };

  const submitForm = async () => {
    if (!openForm) return;
    const values = await form.validateFields();
    if (isUploading(values.files)) {
      setFormError(t('file.stillUploading'));
      return;
    }
    const fileIds = uploadedFileIds(values.files);
    const optional = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);
    const reason = (values.reason ?? '').trim();
    let taskAction: TaskAction;
    let successKey: MessageKey;
    switch (openForm.kind) {
      case 'update':
        taskAction = {
          kind: 'update',
          percent: values.percent ?? 0,
          narrative: (values.narrative ?? '').trim(),
          difficulties: optional(values.difficulties),
          proposals: optional(values.proposals),
          fileIds: fileIds.length ? fileIds : undefined,
        };
        successKey = 'taskAction.updateDone';
        break;
      case 'submit':
        taskAction = { kind: 'submit', note: optional(values.note), fileIds: fileIds.length ? fileIds : undefined };
        successKey = 'taskAction.submitDone';
        break;
      case 'requestExtension':
        taskAction = { kind: 'requestExtension', requestedDeadline: fromDayjs(values.requestedDeadline) ?? '', reason };
        successKey = 'taskAction.requestExtensionDone';
        break;
      case 'rejectExtension':
        taskAction = { kind: 'rejectExtension', extensionId: openForm.extensionId ?? '', reason };
        successKey = 'taskAction.rejectExtensionDone';
        break;
      case 'return':
        taskAction = { kind: 'return', reason };
        successKey = 'taskAction.returnDone';
        break;
      default:
        taskAction = { kind: openForm.kind, reason };
        successKey = `taskAction.${openForm.kind}Done`;
    }
    setFormError(null);
    try {
      if (await run(taskAction, successKey)) closeForm();
    } catch (error) {
      setFormError(errorMessage(error));
    }
  };

  const confirmAction = (taskAction: TaskAction, title: MessageKey, content: string, successKey: MessageKey) => {
    modal.confirm({
      title: t(title),
      content,
      okText: t('action.agree'),
      cancelText: t('action.cancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      onOk: async () => {
        try {
          await run(taskAction, successKey);
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  // The API says what the user may do; where it does not say (older servers), fall back to the
  // reporting permission and the task's state.
  const isActive = ACTIVE_STATES.has(task.state);
  const canSubmit = permissions.canSubmit ?? (permissions.canReport && isActive);
  const canRequestExtension = (permissions.canRequestExtension ?? (permissions.canReport && isActive && Boolean(task.deadline))) && !pending;

  const buttons: React.ReactNode[] = [];
  if (permissions.canReport) {
    buttons.push(
      <Button key="update" type="primary" icon={<FormOutlined />} onClick={() => openActionForm('update')} data-testid="action-report-progress">
        {t('taskAction.update')}
      </Button>,
    );
  }
  if (canSubmit) {
    buttons.push(
      <Button key="submit" icon={<FileDoneOutlined />} onClick={() => openActionForm('submit')} data-testid="action-submit-completion">
        {t('taskAction.submit')}
      </Button>,
    );
  }
  if (canRequestExtension) {
    buttons.push(
      <Button key="extension" icon={<FieldTimeOutlined />} onClick={() => openActionForm('requestExtension')} data-testid="action-request-extension">
        {t('taskAction.requestExtension')}
      </Button>,
    );
  }
  if (permissions.canConfirm && task.state === 'awaiting_confirmation') {
    buttons.push(
      <Button
        key="confirm"
        type="primary"
        icon={<CheckCircleOutlined />}
        onClick={() => confirmAction({ kind: 'confirm' }, 'taskAction.confirm', t('taskAction.confirmQuestion'), 'taskAction.confirmDone')}
        data-testid="action-confirm"
      >
        {t('taskAction.confirm')}
      </Button>,
      <Button key="return" danger icon={<RollbackOutlined />} onClick={() => openActionForm('return')} data-testid="action-return">
        {t('taskAction.return')}
      </Button>,
    );
  }
  if (permissions.canDecideExtension && pending) {
    buttons.push(
      <Button
        key="approve"
        type="primary"
        ghost
        icon={<CheckCircleOutlined />}
        onClick={() =>
          confirmAction(
            { kind: 'approveExtension', extensionId: pending.id },
            'taskAction.approveExtension',
            t('taskAction.approveExtensionQuestion', { date: formatDate(pending.requestedDeadline) }),
            'taskAction.approveExtensionDone',
          )
        }
        data-testid="action-approve-extension"
      >
        {t('taskAction.approveExtension')}
      </Button>,
      <Button
        key="reject"
        danger
        icon={<CloseCircleOutlined />}
        onClick={() => openActionForm('rejectExtension', pending.id)}
        data-testid="action-reject-extension"
      >
        {t('taskAction.rejectExtension')}
      </Button>,
    );
  }
  if (permissions.canManage && !task.isContainer) {
    if (task.state === 'paused') {
      buttons.push(
        <Button key="resume" icon={<PlayCircleOutlined />} onClick={() => openActionForm('resume')} data-testid="action-resume">
          {t('taskAction.resume')}
        </Button>,
      );
    } else if (task.state !== 'completed' && task.state !== 'cancelled') {
      buttons.push(
        <Button key="pause" icon={<PauseCircleOutlined />} onClick={() => openActionForm('pause')} data-testid="action-pause">
          {t('taskAction.pause')}
        </Button>,
      );
    }
    if (task.state !== 'completed' && task.state !== 'cancelled') {
      buttons.push(
        <Button key="cancel" danger icon={<StopOutlined />} onClick={() => openActionForm('cancel')} data-testid="action-cancel">
          {t('taskAction.cancel')}
        </Button>,
      );
    }
  }

  const kind = openForm?.kind;
  const reasonRequired = kind === 'return' || kind === 'rejectExtension' || kind === 'requestExtension' || kind === 'pause' || kind === 'resume' || kind === 'cancel';
  const currentDeadline = toDayjs(task.deadline);

  return (
    <>
      {buttons}
      <Modal
        open={openForm !== null}
        title={kind ? t(FORM_TITLES[kind]) : undefined}
        okText={kind === 'update' || kind === 'submit' || kind === 'requestExtension' ? t('action.send') : t('action.agree')}
        cancelText={t('action.cancel')}
        okButtonProps={{ danger: kind === 'cancel' || kind === 'return', 'data-testid': 'action-modal-submit' }}
        confirmLoading={action.isPending}
        onOk={() => void submitForm()}
        onCancel={closeForm}
        width={kind === 'update' || kind === 'submit' ? 640 : 520}
        forceRender
      >
        {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="action-error" /> : null}
        <Form form={form} layout="vertical" data-testid="action-form" requiredMark>
          {kind === 'update' ? (
            <>
              <Form.Item name="percent" label={t('task.progress')} rules={[{ required: true, message: t('validation.required') }]}>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} data-testid="action-percent" />
              </Form.Item>
              <Form.Item name="narrative" label={t('progress.narrative')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-narrative" />
              </Form.Item>
              <Form.Item name="difficulties" label={t('progress.difficulties')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="action-difficulties" />
              </Form.Item>
              <Form.Item name="proposals" label={t('progress.proposals')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="action-proposals" />
              </Form.Item>
            </>
          ) : null}
          {kind === 'submit' ? (
            <>
              <Alert type="info" showIcon title={t('taskAction.submitHint')} style={{ marginBottom: 16 }} />
              <Form.Item name="note" label={t('taskAction.note')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-note" />
              </Form.Item>
            </>
          ) : null}
          {kind === 'update' || kind === 'submit' ? (
            <Form.Item name="files" label={t('task.evidence')} valuePropName="fileList" trigger="onChange">
              <EvidenceUpload testId="action-files" />
            </Form.Item>
          ) : null}
          {kind === 'requestExtension' ? (
            <>
              <Form.Item label={t('task.currentDeadline')}>
                <span>{formatDate(task.deadline)}</span>
              </Form.Item>
              <Form.Item
                name="requestedDeadline"
                label={t('extension.requestedDeadline')}
                rules={[
                  { required: true, message: t('validation.required') },
                  {
                    validator: (_rule, value: Dayjs | undefined) =>
                      !value || !currentDeadline || value.isAfter(currentDeadline, 'day')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('extension.mustBeLater'))),
                  },
                ]}
              >
                <DatePicker format={DISPLAY_DATE} data-testid="action-requested-deadline" />
              </Form.Item>
            </>
          ) : null}
          {reasonRequired ? (
            <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-reason" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
