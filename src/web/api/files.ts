import { apiUpload } from './client';
import type { FileInfo } from './types';

/** Uploads one evidence file (≤ 20 MB, type checked by the server) and returns its record. */
export function uploadFile(file: File): Promise<FileInfo> {
  const formData = new FormData();
  formData.append('file', file, file.name);
  return apiUpload<FileInfo>('/api/v1/files', formData);
}
