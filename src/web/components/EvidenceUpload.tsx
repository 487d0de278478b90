/**
 * Uploads evidence files as soon as they are chosen (POST /api/v1/files); the form keeps the
 * antd file list, and `uploadedFileIds` turns it into the `fileIds` of the request.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { errorMessage } from '../api/client';
import { uploadFile } from '../api/files';
import type { FileInfo, Id } from '../api/types';
import { useT } from '../i18n';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The ids of the files that finished uploading. */
export function uploadedFileIds(fileList: UploadFile[] | undefined): Id[] {
  return (fileList ?? [])
    .filter((file) => file.status === 'done' && file.response)
    .map((file) => (file.response as FileInfo).id);
}

/** Whether some file is still uploading. */
export function isUploading(fileList: UploadFile[] | undefined): boolean {
  return (fileList ?? []).some((file) => file.status === 'uploading');
}

export function EvidenceUpload({
  fileList,
  onChange,
  testId = 'evidence-upload',
}: {
  fileList?: UploadFile[];
  onChange?: (fileList: UploadFile[]) => void;
  testId?: string;
}) {
  const t = useT();
  return (
    <Upload
      multiple
      fileList={fileList ?? []}
      onChange={(info) => onChange?.(info.fileList)}
      beforeUpload={(file) => {
        if (file.size > MAX_FILE_BYTES) {
          return Promise.reject(new Error(t('file.tooLarge', { name: file.name })));
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File)
          .then((info) => onSuccess?.(info))
          .catch((error: unknown) => {
            const failure = new Error(errorMessage(error));
            onError?.(failure);
          });
      }}
      data-testid={testId}
    >
      <Button icon={<UploadOutlined />}>{t('file.choose')}</Button>
    </Upload>
  );
}
