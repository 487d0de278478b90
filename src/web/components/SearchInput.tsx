import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * A search box that reports its value when the user stops typing (`delay` ms) or presses Enter;
 * `data-testid` lands on the input itself.
 */
export function SearchInput({
  value,
  onSearch,
  placeholder,
  testId,
  delay = 400,
  icon = true,
  style,
}: {
  value: string;
  onSearch: (value: string) => void;
  placeholder: string;
  testId: string;
  delay?: number;
  icon?: boolean;
  style?: React.CSSProperties;
}) {
  const [draft, setDraft] = useState(value);
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });
  // A new value from outside (a link, "clear filters") replaces what was typed.
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft.trim() === value.trim()) return;
    const timer = setTimeout(() => onSearchRef.current(draft.trim()), delay);
    return () => clearTimeout(timer);
  }, [draft, value, delay]);
  return (
    <Input
      value={draft}
      placeholder={placeholder}
      allowClear
      prefix={icon ? <SearchOutlined style={{ color: '#8c8c8c' }} /> : undefined}
      onChange={(event) => setDraft(event.target.value)}
      onPressEnter={() => onSearch(draft.trim())}
      data-testid={testId}
      style={style}
    />
  );
}
