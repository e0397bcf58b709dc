import { useMemo } from 'react';
import { Typography } from 'antd';
import { useDrag } from 'react-dnd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../hooks/use-locale';
import { paletteGroups } from '../../lib/form-designer/palette';
import type { FieldTypeInfo } from '../../lib/form-designer/types';
import { DND_PALETTE, useFormDesigner, type PaletteDragItem } from './designer-context';
import { FieldTypeIcon } from './field-type-icon';

function PaletteItem({ info }: { info: FieldTypeInfo }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { addField } = useFormDesigner();
  const [{ dragging }, drag] = useDrag<PaletteDragItem, unknown, { dragging: boolean }>(() => ({
    type: DND_PALETTE,
    item: { fieldType: info.type },
    collect: (monitor) => ({ dragging: monitor.isDragging() }),
  }), [info.type]);
  const label = info.label[locale] ?? info.label['zh-CN'];
  return (
    // A button: a click (or Enter) adds the field after the selected one, for those who do not drag.
    <button
      type="button"
      ref={(node) => void drag(node)}
      className={`fmd-palette__item${dragging ? ' is-dragging' : ''}`}
      data-testid={`palette-${info.type}`}
      title={t('formDesigner.palette.addHint', { type: label })}
      onClick={() => addField(info.type)}
    >
      <FieldTypeIcon type={info.type} />
      <span className="fmd-palette__label">{label}</span>
    </button>
  );
}

/** The field types, grouped (基础, 选择, 人员与部门, 日期, 文件, 高级, 布局): drag one onto the form or click it. */
export function Palette() {
  const { t } = useTranslation();
  const { fieldTypes } = useFormDesigner();
  const groups = useMemo(() => paletteGroups(fieldTypes), [fieldTypes]);
  return (
    <nav className="fmd-palette" aria-label={t('formDesigner.palette.title')} data-testid="form-designer-palette">
      {groups.map((group) => (
        <section key={group.key} className="fmd-palette__group" aria-labelledby={`fmd-group-${group.key}`}>
          <Typography.Text type="secondary" className="fmd-palette__heading" id={`fmd-group-${group.key}`}>
            {t(`formDesigner.palette.group.${group.key}`)}
          </Typography.Text>
          <div className="fmd-palette__items">
            {group.items.map((info) => <PaletteItem key={info.type} info={info} />)}
          </div>
        </section>
      ))}
    </nav>
  );
}
