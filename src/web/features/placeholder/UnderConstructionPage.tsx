import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n';

type Module = 'indicators' | 'projects' | 'reports';

/** An honest page for a module that is not built yet: what it will do, no invented figures. */
export function UnderConstructionPage({ module }: { module: Module }) {
  const t = useT();
  return (
    <Card data-testid={`under-construction-${module}`}>
      <Result
        icon={<ToolOutlined style={{ color: '#1d4f91' }} />}
        title={t(`module.${module}.title`)}
        subTitle={
          <>
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {t('module.underConstruction')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '0 auto' }}>
              {t(`module.${module}.description`)}
            </Typography.Paragraph>
          </>
        }
        extra={
          <Link to="/tasks">
            <Button type="primary">{t('module.goToTasks')}</Button>
          </Link>
        }
      />
    </Card>
  );
}
