/**
 * The routes of the app. Pages are loaded lazily so the first screen stays light.
 */
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppLayout } from '../components/AppLayout';
import { FullPageSpin, RequireAuth } from '../components/RequireAuth';
import { NotFoundPage } from '../features/placeholder/NotFoundPage';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'));
const DirectiveListPage = lazy(() => import('../features/directives/DirectiveListPage'));
const DirectiveDetailPage = lazy(() => import('../features/directives/DirectiveDetailPage'));
const TaskListPage = lazy(() => import('../features/tasks/TaskListPage'));
const TaskDetailPage = lazy(() => import('../features/tasks/TaskDetailPage'));
const TaskImportPage = lazy(() => import('../features/tasks/TaskImportPage'));
const RankingPage = lazy(() => import('../features/ranking/RankingPage'));
const ColdTasksPage = lazy(() => import('../features/overview/ColdTasksPage'));
const ScorecardsPage = lazy(() => import('../features/scorecards/ScorecardsPage'));
const ScorecardPage = lazy(() => import('../features/scorecards/ScorecardPage'));
const OrganizationsPage = lazy(() => import('../features/admin/OrganizationsPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const AuditPage = lazy(() => import('../features/admin/AuditPage'));
const IndicatorListPage = lazy(() => import('../features/indicators/IndicatorListPage'));
const IndicatorDetailPage = lazy(() => import('../features/indicators/IndicatorDetailPage'));
const IndicatorImportPage = lazy(() => import('../features/indicators/IndicatorImportPage'));
const IndicesPage = lazy(() => import('../features/indices/IndicesPage'));
const IndexDetailPage = lazy(() => import('../features/indices/IndexDetailPage'));
const DataEntryPage = lazy(() => import('../features/indicators/DataEntryPage'));
const ApprovalsPage = lazy(() => import('../features/indicators/ApprovalsPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const ProjectRoutes = lazy(() => import('../features/projects/ProjectRoutes'));

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'directives', element: <DirectiveListPage /> },
      { path: 'directives/:id', element: <DirectiveDetailPage /> },
      { path: 'tasks', element: <TaskListPage /> },
      { path: 'tasks/import', element: <TaskImportPage /> },
      { path: 'tasks/:id', element: <TaskDetailPage /> },
      { path: 'indicators', element: <IndicatorListPage /> },
      { path: 'indicators/import', element: <IndicatorImportPage /> },
      { path: 'indicators/entry', element: <DataEntryPage /> },
      { path: 'indicators/approvals', element: <ApprovalsPage /> },
      { path: 'indicators/:code', element: <IndicatorDetailPage /> },
      { path: 'indices', element: <IndicesPage /> },
      { path: 'indices/:code', element: <IndexDetailPage /> },
      { path: 'projects/*', element: <ProjectRoutes /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'ranking', element: <RankingPage /> },
      { path: 'overview/cold-tasks', element: <ColdTasksPage /> },
      { path: 'scorecards', element: <ScorecardsPage /> },
      { path: 'scorecards/:code', element: <ScorecardPage /> },
      { path: 'admin/organizations', element: <OrganizationsPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
