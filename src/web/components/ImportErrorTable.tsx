import { Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ImportError } from '../api/types';
import { EMPTY_VALUE } from '../format';
import { useT } from '../i18n';

export type IndexedImportError = ImportError & { index: number };

interface ImportErrorTableProps {
  errors: ImportError[];
  testId: string;
  /** Rows per page; the table pages beyond it. */
  pageSize?: number;
  scrollX?: number;
  suggestionWidth?: number;
  /** Renders the suggestions cell (e.g. with a control to map an unknown name); default: the suggestions as tags. */
  renderSuggestions?: (error: IndexedImportError) => ReactNode;
}

/** The rows an import could not read: sheet row, column and header, cell text, message, closest names. */
export function ImportErrorTable({ errors, testId, pageSize = 50, scrollX = 900, suggestionWidth = 260, renderSuggestions }: ImportErrorTableProps) {
  const t = useT();
  return (
    <Table<IndexedImportError>
      data-testid={testId}
      size="small"
      rowKey="index"
      dataSource={errors.map((error, index) => ({ ...error, index }))}
      pagination={errors.length > pageSize ? { pageSize, showSizeChanger: false } : false}
      scroll={{ x: scrollX }}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 64, align: 'center', render: (value: number | null) => value ?? EMPTY_VALUE },
        {
          title: t('import.column'),
          key: 'column',
          width: 170,
          render: (_value, error) => [error.column, error.header ? `"${error.header}"` : null].filter(Boolean).join(' ') || EMPTY_VALUE,
        },
        {
          title: t('import.value'),
          dataIndex: 'value',
          width: 180,
          render: (value: string | null) =>
            value ? (
              <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
                {value}
              </Typography.Text>
            ) : (
              EMPTY_VALUE
            ),
        },
        { title: t('import.error'), dataIndex: 'message', render: (value: string) => <Typography.Text type="danger">{value}</Typography.Text> },
        {
          title: t('import.suggestion'),
          key: 'suggestions',
          width: suggestionWidth,
          render: (_value, error) =>
            renderSuggestions ? (
              renderSuggestions(error)
            ) : (error.suggestions ?? []).length > 0 ? (
              <Flex wrap gap={4}>
                {error.suggestions.map((suggestion) => (
                  <Tag key={suggestion}>{suggestion}</Tag>
                ))}
              </Flex>
            ) : (
              EMPTY_VALUE
            ),
        },
      ]}
    />
  );
}
