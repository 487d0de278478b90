import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUpload } from './client';
import type { ImportRequest, ImportResult } from './types';

/** Checks (dryRun) or imports a task table from an .xlsx file. */
export function useImportTasks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => {
      const formData = new FormData();
      // Text fields first: a streaming multipart parser sees them before the file.
      formData.append('directive', request.directive);
      if (request.directiveTitle) formData.append('directiveTitle', request.directiveTitle);
      if (request.issued) formData.append('issued', request.issued);
      if (request.planEnd) formData.append('planEnd', String(request.planEnd));
      if (request.issuer) formData.append('issuer', request.issuer);
      formData.append('dryRun', String(request.dryRun));
      formData.append('file', request.file, request.file.name);
      return apiUpload<ImportResult>('/api/v1/imports/tasks', formData);
    },
    onSuccess: (result, request) => {
      if (!request.dryRun && result.ok) {
        void queryClient.invalidateQueries({ queryKey: ['tasks'] });
        void queryClient.invalidateQueries({ queryKey: ['directives'] });
        void queryClient.invalidateQueries({ queryKey: ['stats'] });
      }
    },
  });
}
