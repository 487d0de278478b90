import { PaperClipOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { fileDownloadUrl } from '../api/client';
import type { FileInfo } from '../api/types';
import { formatDateTime, formatFileSize } from '../format';
import { useLanguage } from '../i18n';

/** Links that download stored files, with their size and upload time. */
export function FileLinks({ files, showDate = false }: { files: FileInfo[] | undefined; showDate?: boolean }) {
  const { language } = useLanguage();
  if (!files || files.length === 0) return null;
  return (
    <Flex vertical gap={4} data-testid="file-links">
      {files.map((file) => (
        <span key={String(file.id)}>
          <PaperClipOutlined style={{ marginInlineEnd: 6, color: '#8c8c8c' }} />
          <a href={fileDownloadUrl(file.id)} target="_blank" rel="noreferrer" download={file.name}>
            {file.name}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {formatFileSize(file.size, language)}
            {showDate ? ` · ${formatDateTime(file.createdAt)}` : ''}
          </Typography.Text>
        </span>
      ))}
    </Flex>
  );
}
