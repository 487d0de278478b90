/**
 * Designed loading, error and empty states, the same everywhere.
 */
import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useT } from '../i18n';

export function LoadingState({ rows = 6 }: { rows?: number }) {
  return (
    <div style={{ padding: 24 }} data-testid="loading">
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : 'error';
  const title =
    status === 403 ? t('error.forbiddenTitle') : status === 404 ? t('error.notFoundTitle') : t('error.loadFailed');
  return (
    <Result
      status={resultStatus}
      title={title}
      subTitle={errorMessage(error)}
      data-testid="error-state"
      extra={
        onRetry && status !== 403 && status !== 404 ? (
          <Button type="primary" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const t = useT();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.noData')} data-testid="empty-state">
      {children}
    </Empty>
  );
}
