/**
 * Chooses a directive (by id), searching the server by number or title (accent-insensitive there).
 */
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useDirective, useDirectives } from '../api/directives';
import type { Directive } from '../api/types';
import { useT } from '../i18n';

function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

function directiveLabel(directive: Pick<Directive, 'number' | 'title'>): string {
  return `${directive.number} — ${directive.title}`;
}

export interface DirectiveSelectProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
}

export function DirectiveSelect({ value, onChange, placeholder, style, id, 'data-testid': testId }: DirectiveSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search);
  const list = useDirectives({ search: debouncedSearch || undefined, page: 1, pageSize: 30 });
  const selected = useDirective(value ?? null);
  const options = useMemo(() => {
    const items = list.data?.items ?? [];
    const result = items.map((directive) => ({ value: String(directive.id), label: directiveLabel(directive) }));
    if (value && selected.data && !result.some((option) => option.value === value)) {
      result.unshift({ value, label: directiveLabel(selected.data) });
    }
    return result;
  }, [list.data, selected.data, value]);
  return (
    <Select<string>
      id={id}
      data-testid={testId}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      placeholder={placeholder ?? t('directive.choose')}
      allowClear
      loading={list.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={list.isError ? t('error.loadFailed') : t('common.noData')}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220, ...style }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
