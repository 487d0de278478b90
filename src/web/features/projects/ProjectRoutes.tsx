/**
 * The routes of the S&T projects module, mounted at /projects/* (one lazily loaded chunk).
 */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../placeholder/NotFoundPage';
import ApplicationsPage from './ApplicationsPage';
import ProjectDetailPage from './ProjectDetailPage';
import ProjectImportPage from './ProjectImportPage';
import ProjectPortfolioPage from './ProjectPortfolioPage';

export default function ProjectRoutes() {
  return (
    <Routes>
      <Route index element={<ProjectPortfolioPage />} />
      <Route path="import" element={<ProjectImportPage />} />
      <Route path="applications" element={<ApplicationsPage />} />
      <Route path=":id" element={<ProjectDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
