import { useState } from 'react';
import { Button, Input, Popover } from 'antd';
import { useTranslation } from 'react-i18next';

/** Icons offered for apps, groups and menu items: emoji, which every platform draws without a font of ours. */
export const ICONS = [
  '🏢', '📋', '👥', '💼', '📞', '📅', '🧾', '💰', '📦', '🚚', '🛒', '🏷️', '📈', '📊', '🗂️', '📝',
  '✅', '⭐', '🎯', '🔧', '🏠', '🎓', '🩺', '🍽️', '🛎️', '🚗', '✈️', '📣', '💡', '🔒', '🤝', '🪪',
];

type IconPickerProps = {
  value: string | undefined;
  onChange: (icon: string | undefined) => void;
  /** Shown when no icon is set (the app's first letter, a folder...). */
  placeholder: React.ReactNode;
  label: string;
  testId: string;
};

/** A button showing the icon; it opens a grid of icons, a field for any other emoji and "none". */
export function IconPicker({ value, onChange, placeholder, label, testId }: IconPickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const pick = (icon: string | undefined) => {
    onChange(icon);
    setOpen(false);
  };
  const content = (
    <div className="icon-picker" role="listbox" aria-label={label}>
      <div className="icon-picker__grid">
        {ICONS.map((icon) => (
          <button
            key={icon}
            type="button"
            role="option"
            aria-selected={icon === value}
            className={`icon-picker__icon${icon === value ? ' icon-picker__icon--on' : ''}`}
            onClick={() => pick(icon)}
            data-testid={`${testId}-option-${icon}`}
          >
            {icon}
          </button>
        ))}
      </div>
      <div className="icon-picker__row">
        <Input
          size="small"
          value={custom}
          maxLength={4}
          placeholder={t('appBuilder.iconCustom')}
          aria-label={t('appBuilder.iconCustom')}
          onChange={(e) => setCustom(e.target.value)}
          onPressEnter={() => custom.trim() && pick(custom.trim())}
        />
        <Button size="small" onClick={() => pick(undefined)} data-testid={`${testId}-none`}>{t('appBuilder.iconNone')}</Button>
      </div>
    </div>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomLeft">
      <Button className="icon-picker__button" aria-label={label} title={label} data-testid={testId}>
        {value ?? placeholder}
      </Button>
    </Popover>
  );
}
