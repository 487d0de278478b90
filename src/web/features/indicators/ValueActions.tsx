/**
 * Decisions on a submitted value (phê duyệt, trả lại with a reason) and its history, shared by
 * the data-entry and approval pages. Every decision sends the `version` that was read.
 */
import { CheckOutlined, HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useDecideValue, useValueRevisions } from '../../api/indicators';
import type { Id, IndicatorValueType, ValueRevision, ValueStatus } from '../../api/types';
import { actorName } from '../../components/actor';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { EMPTY_VALUE, formatDateTime } from '../../format';
import { isMessageKey, useLanguage, useT } from '../../i18n';
import { ValueStatusTag } from './IndicatorTags';
import { formatIndicatorValue } from './values';

export interface DecidableValue {
  id: Id;
  version: number;
  /** For the dialogs: "Trả lại số liệu "…"". */
  indicatorName: string;
  valueText: string;
}

/**
 * "Phê duyệt" (with a confirmation) and "Trả lại" (with a reason) buttons for a submitted value;
 * `testSuffix` makes the test ids `value-approve-<suffix>` and `value-return-<suffix>`.
 */
export function ValueDecisionButtons({
  value,
  testSuffix,
  onDone,
  size = 'small',
}: {
  value: DecidableValue;
  testSuffix: string;
  onDone?: () => void;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const decide = useDecideValue();
  const [isReturning, setReturning] = useState(false);
  const [returnError, setReturnError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const handleError = (error: unknown) => {
    if (error instanceof ApiError && error.isConflict) {
      modal.warning({ title: t('conflict.title'), content: error.message, okText: t('action.close') });
    } else {
      void message.error(errorMessage(error));
    }
  };

  const approve = async () => {
    try {
      await decide.mutateAsync({ kind: 'approve', id: value.id, version: value.version });
      void message.success(t('entry.approved'));
      onDone?.();
    } catch (error) {
      handleError(error);
    }
  };

  const sendReturn = async () => {
    const { reason } = await form.validateFields();
    try {
      await decide.mutateAsync({ kind: 'return', id: value.id, version: value.version, reason: reason.trim() });
      void message.success(t('entry.returned'));
      setReturning(false);
      onDone?.();
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        setReturning(false);
        handleError(error);
      } else {
        setReturnError(errorMessage(error));
      }
    }
  };

  const isApproving = decide.isPending && decide.variables?.kind === 'approve' && decide.variables.id === value.id;
  return (
    <>
      <Space size={4} wrap>
        <Popconfirm
          title={t('entry.approveConfirm', { value: value.valueText, indicator: value.indicatorName })}
          okText={t('entry.approve')}
          cancelText={t('action.cancel')}
          onConfirm={() => approve()}
        >
          <Button size={size} type="primary" ghost icon={<CheckOutlined />} loading={isApproving} data-testid={`value-approve-${testSuffix}`}>
            {t('entry.approve')}
          </Button>
        </Popconfirm>
        <Button
          size={size}
          danger
          icon={<RollbackOutlined />}
          onClick={() => {
            form.resetFields();
            setReturnError(null);
            setReturning(true);
          }}
          data-testid={`value-return-${testSuffix}`}
        >
          {t('entry.return')}
        </Button>
      </Space>
      <Modal
        open={isReturning}
        title={t('entry.returnTitle', { indicator: value.indicatorName })}
        okText={t('entry.return')}
        okButtonProps={{ danger: true, 'data-testid': 'value-return-confirm' } as React.ComponentProps<typeof Button>}
        cancelText={t('action.cancel')}
        confirmLoading={decide.isPending && decide.variables?.kind === 'return'}
        onOk={() => void sendReturn()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('entry.returnHint', { value: value.valueText })}</Typography.Paragraph>
        {returnError ? <Alert type="error" showIcon title={returnError} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount data-testid="value-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Opens the history of a value. */
export function HistoryLink({ onClick, testId }: { onClick: () => void; testId: string }) {
  const t = useT();
  return (
    <Button type="link" size="small" icon={<HistoryOutlined />} onClick={onClick} style={{ paddingInline: 0 }} data-testid={testId}>
      {t('entry.history')}
    </Button>
  );
}

/** The revisions of a value, newest first, in a drawer. */
export function ValueRevisionsDrawer({
  target,
  onClose,
}: {
  target: { id: Id; indicatorName: string; valueType: IndicatorValueType } | null;
  onClose: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const revisions = useValueRevisions(target ? target.id : null);
  const items = [...(revisions.data?.items ?? [])].sort((left, right) => String(right.at).localeCompare(String(left.at)));
  const actionLabel = (action: string) => {
    const key = `revisionAction.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={880}
      title={target ? t('entry.revisionsTitle', { indicator: target.indicatorName }) : ''}
      destroyOnHidden
      data-testid="value-revisions"
    >
      {revisions.isLoading ? (
        <LoadingState rows={5} />
      ) : revisions.isError ? (
        <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState description={t('entry.noRevisions')} />
      ) : (
        <Table<ValueRevision & { index: number }>
          size="small"
          rowKey="index"
          pagination={false}
          dataSource={items.map((item, index) => ({ ...item, index }))}
          data-testid="value-revisions-table"
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 130, render: (at: string) => formatDateTime(at) },
            { title: t('common.actor'), key: 'actor', width: 140, render: (_value, row) => actorName(row.actor) || EMPTY_VALUE },
            { title: t('audit.action'), dataIndex: 'action', width: 100, render: (action: string) => actionLabel(action) },
            {
              title: t('entry.value'),
              dataIndex: 'value',
              width: 90,
              align: 'right',
              render: (value: number | null) => formatIndicatorValue(value, target?.valueType, language),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 120,
              render: (status: string) => <ValueStatusTag status={status as ValueStatus} />,
            },
            { title: t('common.reason'), dataIndex: 'reason', render: (reason: string | null) => reason || EMPTY_VALUE },
          ]}
        />
      )}
    </Drawer>
  );
}
