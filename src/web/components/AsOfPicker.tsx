import { DatePicker, Flex, Typography } from 'antd';
import { todayInVietnam } from '../format';
import { useT } from '../i18n';
import { DISPLAY_DATE, fromDayjs, toDayjs } from './dates';

/** "Tính đến ngày": the date the statistics and timeliness are computed for. */
export function AsOfPicker({
  value,
  onChange,
  testId = 'as-of-picker',
}: {
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}) {
  const t = useT();
  return (
    <Flex align="center" gap={8}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {t('common.asOf')}
      </Typography.Text>
      <DatePicker
        value={toDayjs(value)}
        format={DISPLAY_DATE}
        allowClear={false}
        onChange={(next) => onChange(fromDayjs(next) ?? todayInVietnam())}
        data-testid={testId}
      />
    </Flex>
  );
}
