import type { FieldRefusal } from '@platform/condition';
import type { ConditionFieldKind } from './condition-field-kind';
import type { FieldPart, FieldTypeDefinition } from './field-type-definition';

/** A condition var path (`amount`, `address.city`) split at its first dot. */
export type FieldPath = { fieldKey: string; partKey: string | null };

/** What a path names of a field: the field itself (`part` null) or one of its declared parts. */
export type FieldPathTarget = { kind: ConditionFieldKind; operators: readonly string[]; part: FieldPart | null };

const MAX_SHOWN = 60;

export function splitFieldPath(path: string): FieldPath {
  const dot = path.indexOf('.');
  return dot < 0 ? { fieldKey: path, partKey: null } : { fieldKey: path.slice(0, dot), partKey: path.slice(dot + 1) };
}

/**
 * The condition kind and operators of what `path` names in a field of type `definition`: the field's own
 * when there is no part, a declared part's (`definition.parts`) otherwise. Every place that evaluates
 * conditions (SQL filters, form rules, flow branches) resolves paths through here, so the parts are
 * declared once. Undefined when the field cannot be compared at all; a refusal for a part the type does
 * not declare.
 */
export function fieldPathTarget(definition: FieldTypeDefinition | undefined, path: FieldPath): FieldPathTarget | FieldRefusal | undefined {
  if (!definition?.conditionKind) return undefined;
  if (path.partKey === null) return { kind: definition.conditionKind, operators: definition.operators, part: null };
  const part = definition.parts?.find((candidate) => candidate.key === path.partKey);
  if (part) return { kind: part.conditionKind, operators: part.operators, part };
  const named = `"${`${path.fieldKey}.${path.partKey}`.slice(0, MAX_SHOWN)}"`;
  const offered = definition.parts?.map((candidate) => candidate.key).join(', ');
  return {
    refused: offered
      ? `unknown field ${named}: fields of type ${definition.type} offer the parts ${offered}`
      : `unknown field ${named}: fields of type ${definition.type} have no parts to compare`,
  };
}
