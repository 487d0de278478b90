/**
 * Renders its children only for a signed-in user; the session probe (`GET /me`) answering 401
 * sends the browser to the login page.
 */
import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { ErrorState } from './PageState';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }} data-testid="page-loading">
      <Spin size="large" />
    </Flex>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isLoading) return <FullPageSpin />;
  if (me.isError) {
    // A 401 is already redirecting to /login; keep the spinner meanwhile.
    if (me.error instanceof ApiError && me.error.status === 401) return <FullPageSpin />;
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Flex>
    );
  }
  return <>{children}</>;
}
