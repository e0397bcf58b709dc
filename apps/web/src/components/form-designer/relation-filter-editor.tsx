import { useMemo } from 'react';
import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { labelText } from '../../lib/label-text';
import { setFieldOption } from '../../lib/form-designer/operations';
import { joinRelationFilter, splitRelationFilter, USER_TEST_TYPES } from '../../lib/form-designer/relation-filter';
import { ConditionEditor } from '../flow-designer/condition-editor';
import { useFormDesigner } from './designer-context';
import { PanelRow } from './panel-row';

/**
 * 可选记录范围: which records of the target form a relation offers and accepts (`options.filter`), in
 * the condition builder of the linkage rules over the target form's fields, plus "is the current
 * user" tests on its member and department fields.
 */
export function RelationFilterEditor({ field, targetFields }: { field: FieldDefinition; targetFields: readonly FieldDefinition[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { change } = useFormDesigner();
  const parts = useMemo(() => splitRelationFilter(field.options?.filter, targetFields), [field.options?.filter, targetFields]);
  const userFields = targetFields.filter((candidate) => USER_TEST_TYPES.has(candidate.type));
  const write = (next: typeof parts, tag?: string) =>
    change((draft) => setFieldOption(draft, field.key, 'filter', joinRelationFilter(next, targetFields)), tag ? `${field.key}:filter:${tag}` : undefined);
  return (
    <PanelRow label={t('formDesigner.relation.filter')} hint={t('formDesigner.relation.filterHint')}>
      <div className="fmd-relation-filter" data-testid="relation-filter">
        <ConditionEditor
          key={`${field.key}:${String(field.options?.targetForm)}`}
          value={parts.rows ?? { and: [] }}
          fields={targetFields}
          onChange={(rows: Condition) => write({ ...parts, rows }, 'rows')}
        />
        {userFields.map((candidate) => (
          <div key={candidate.key} className="fmd-relation-filter__user" data-testid={`relation-filter-user-${candidate.key}`}>
            <Checkbox
              checked={parts.userFields.includes(candidate.key)}
              onChange={(event) => write({ ...parts, userFields: event.target.checked ? [...parts.userFields, candidate.key] : parts.userFields.filter((key) => key !== candidate.key) })}
            >
              {t(`formDesigner.relation.userTest.${candidate.type}`, { field: labelText(candidate.label, locale) || candidate.key })}
            </Checkbox>
          </div>
        ))}
      </div>
    </PanelRow>
  );
}
