import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLocale, LOCALES } from '../i18n';
import { useLocale } from '../hooks/use-locale';

/**
 * Two languages, so one button switches to the other. Its text is the other language's own name
 * ("English" / "简体中文"), which is what a reader of that language looks for. A plain button keeps the
 * login route light (no dropdown menu).
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const other = LOCALES.find((candidate) => candidate !== locale) ?? LOCALES[0];
  const otherName = t(`language.${other}`);
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={`${t('language.switch')}: ${otherName}`}
      title={otherName}
      lang={other}
      data-testid="language-switch"
      onClick={() => void changeLocale(other)}
    >
      {compact ? null : otherName}
    </Button>
  );
}
