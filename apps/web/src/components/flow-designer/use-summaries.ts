import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition } from '@platform/schema';
import { useRoles } from '../../hooks/use-admin-lookups';
import { useLocale } from '../../hooks/use-locale';
import { useDepartments, useUsers } from '../../hooks/use-lookups';
import { logicToBuilder } from '../../lib/flow-designer/condition-builder';
import { fromIsoDuration } from '../../lib/flow-designer/durations';
import { isApprovalLike, type ApproverSource, type FlowNode } from '../../lib/flow-designer/types';
import { valueInputFor } from '../../lib/filter-conditions';
import { choiceOptions } from '../../lib/format-value';
import { labelText } from '../../lib/label-text';

/** Short texts for the cards: who approves, what a branch tests, how long a delay waits. */
export function useSummaries(fields: readonly FieldDefinition[]) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { userName } = useUsers();
  const { roleById } = useRoles();
  const { departmentName } = useDepartments();
  const byKey = useMemo(() => new Map(fields.map((field) => [field.key, field])), [fields]);
  const fieldLabel = useCallback((key: string) => {
    const field = byKey.get(key);
    return field ? labelText(field.label, locale) || key : key;
  }, [byKey, locale]);
  const separator = t('flowDesigner.listSeparator');

  const durationText = useCallback((iso: string | undefined) => {
    const simple = fromIsoDuration(iso);
    return simple ? t(`flowDesigner.unitCount.${simple.unit}`, { count: simple.amount }) : (iso ?? '');
  }, [t]);

  const sourceText = useCallback((source: ApproverSource): string => {
    switch (source.source) {
      case 'users':
        return source.userIds.length > 0 ? source.userIds.map((id) => userName(id) ?? id).join(separator) : t('flowDesigner.source.users');
      case 'roles':
        return `${t('flowDesigner.source.roles')}: ${source.roleIds.map((id) => roleById(id)?.name ?? id).join(separator)}`;
      case 'manager':
        return (source.level ?? 1) > 1 ? t('flowDesigner.source.managerLevel', { level: source.level }) : t('flowDesigner.source.manager');
      case 'departmentHead':
        return (source.level ?? 1) > 1 ? t('flowDesigner.source.departmentHeadLevel', { level: source.level }) : t('flowDesigner.source.departmentHead');
      case 'field':
        return `${t('flowDesigner.source.field')}: ${source.fieldKey ? fieldLabel(source.fieldKey) : '-'}`;
      case 'initiator':
        return t('flowDesigner.source.initiator');
      case 'initiatorPicks':
        return t('flowDesigner.source.initiatorPicks');
    }
  }, [fieldLabel, roleById, separator, t, userName]);

  const sourcesText = useCallback((sources: readonly ApproverSource[]) => sources.map(sourceText).join(separator), [separator, sourceText]);

  const valueText = useCallback((field: FieldDefinition, operator: string, value: unknown): string => {
    const kind = valueInputFor(field, operator as never);
    const one = (item: unknown): string => {
      if (kind === 'options') return labelText(choiceOptions(field).find((option) => option.key === item)?.label, locale) || String(item);
      if (kind === 'users') return userName(String(item)) ?? String(item);
      if (kind === 'departments') return departmentName(String(item)) ?? String(item);
      if (typeof item === 'boolean') return item ? t('value.yes') : t('value.no');
      return String(item);
    };
    if (operator === 'between' && Array.isArray(value)) return `${one(value[0])} ~ ${one(value[1])}`;
    return Array.isArray(value) ? value.map(one).join(separator) : one(value);
  }, [departmentName, locale, separator, t, userName]);

  /** "折扣率 小于 90 且 …"; null when the condition is empty; a fixed text for JSON-only conditions. */
  const conditionText = useCallback((condition: Condition | null | undefined): string | null => {
    const builder = logicToBuilder(condition, [...byKey.values()]);
    if (!builder) return t('flowDesigner.card.customCondition');
    if (builder.rows.length === 0) return null;
    const joiner = builder.combinator === 'and' ? t('flowDesigner.condition.andJoin') : t('flowDesigner.condition.orJoin');
    return builder.rows.map((row) => {
      const field = byKey.get(row.field);
      const head = `${fieldLabel(row.field)} ${t(`operator.${row.operator}`)}`;
      return field && row.value !== undefined ? `${head} ${valueText(field, row.operator, row.value)}` : head;
    }).join(joiner);
  }, [byKey, fieldLabel, t, valueText]);

  /** The body text of a node card; empty when there is nothing to say yet. */
  const nodeSummary = useCallback((node: FlowNode): string => {
    if (isApprovalLike(node)) {
      if (node.approvers.length === 0) return '';
      const mode = node.mode && node.mode !== 'sequential' && node.approvers.length > 0 ? ` · ${t(`flowDesigner.mode.${node.mode}`)}` : '';
      return `${sourcesText(node.approvers)}${mode}`;
    }
    switch (node.type) {
      case 'cc': return sourcesText(node.recipients);
      case 'delay':
        if (node.untilField) return t('flowDesigner.card.delayUntil', { field: fieldLabel(node.untilField) });
        return node.duration ? t('flowDesigner.card.delayFor', { duration: durationText(node.duration) }) : '';
      case 'subflow': return node.flowKey;
      case 'action': return t('flowDesigner.card.effects', { count: node.effects.length });
      default: return '';
    }
  }, [durationText, fieldLabel, sourcesText, t]);

  return { sourcesText, conditionText, nodeSummary, durationText, fieldLabel };
}
