import { ConfigProvider, Segmented } from 'antd';
import { useLanguage, type Language } from '../i18n';

/** Colours of the switch on the navy header and the login background. */
const DARK_THEME = {
  components: {
    Segmented: {
      trackBg: 'rgba(255,255,255,0.14)',
      itemColor: 'rgba(255,255,255,0.85)',
      itemHoverColor: '#ffffff',
      itemHoverBg: 'rgba(255,255,255,0.12)',
      itemSelectedBg: '#ffffff',
      itemSelectedColor: '#0f2a4a',
    },
  },
};

/** "Tiếng Việt / English", remembered in localStorage. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { language, setLanguage } = useLanguage();
  const control = (
    <Segmented<Language>
      size="small"
      value={language}
      onChange={setLanguage}
      data-testid="language-switch"
      options={[
        { label: 'Tiếng Việt', value: 'vi' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
  return dark ? <ConfigProvider theme={DARK_THEME}>{control}</ConfigProvider> : control;
}
