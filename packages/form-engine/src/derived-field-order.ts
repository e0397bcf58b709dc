import type { FieldDefinition, FormDefinition } from '@platform/schema';
import type { FieldTypeDefinition } from './field-type-definition';
import { fieldTypeFor } from './field-type-for';

export type DerivedStep = {
  field: FieldDefinition;
  definition: FieldTypeDefinition & Required<Pick<FieldTypeDefinition, 'derive' | 'dependsOn'>>;
  /** The keys the value is computed from. */
  sources: string[];
  /** Part of (or behind) a reference cycle, which validateFormDefinition refuses: computes to null. */
  cyclic: boolean;
};

/**
 * The derived fields of a form in an order in which each comes after the derived fields it reads
 * (formulas may read other formulas), otherwise in form order; fields caught in a cycle come last.
 */
export function derivedFieldOrder(form: FormDefinition): DerivedStep[] {
  const pending: DerivedStep[] = [];
  for (const field of form.fields) {
    const definition = fieldTypeFor(field);
    if (!definition?.derived || !definition.derive || !definition.dependsOn) continue;
    pending.push({ field, definition: definition as DerivedStep['definition'], sources: definition.dependsOn(field), cyclic: false });
  }
  const derivedKeys = new Set(pending.map((step) => step.field.key));
  const placed = new Set<string>();
  const ordered: DerivedStep[] = [];
  let progress = true;
  while (pending.length > 0 && progress) {
    progress = false;
    for (let index = 0; index < pending.length; index++) {
      const step = pending[index];
      if (step.sources.every((source) => !derivedKeys.has(source) || placed.has(source))) {
        ordered.push(step);
        placed.add(step.field.key);
        pending.splice(index--, 1);
        progress = true;
      }
    }
  }
  return [...ordered, ...pending.map((step) => ({ ...step, cyclic: true }))];
}
