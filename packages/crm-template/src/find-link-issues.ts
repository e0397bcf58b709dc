import { fieldTypeFor, relationTarget, resolveFormLinks, rollupSource, validateFormDefinition } from '@platform/form-engine';
import type { FieldDefinition, FormDefinition, SchemaIssue } from '@platform/schema';
import { varsOf } from './condition-vars';

/** A field of the package: `form.field`. */
type FieldRef = string;

const refOf = (formKey: string, fieldKey: string): FieldRef => `${formKey}.${fieldKey}`;

/** The fields of other forms a lookup or relation rollup reads (its relation and filter included). */
function linkedSources(form: FormDefinition, field: FieldDefinition): FieldRef[] {
  const options = field.options ?? {};
  const relationOf = (key: string) => form.fields.find((f) => f.key === key && f.type === 'relation');
  const targetField = typeof options.targetField === 'string' ? [options.targetField] : [];
  const read = (formKey: string, keys: string[]) => keys.map((key) => refOf(formKey, key));
  if (field.type === 'lookup') {
    const relation = relationOf(String(options.relationField));
    const target = relation && relationTarget(relation);
    return target ? [refOf(form.key, relation.key), ...read(target, targetField)] : [];
  }
  if (field.type !== 'rollup') return [];
  const source = rollupSource(field);
  const filtered = varsOf(options.filter ?? {});
  if (source?.kind === 'forward') {
    const relation = relationOf(source.relationField);
    const target = relation && relationTarget(relation);
    return target ? [refOf(form.key, source.relationField), ...read(target, [...targetField, ...filtered])] : [];
  }
  if (source?.kind === 'reverse') return read(source.formKey, [source.relationField, ...targetField, ...filtered]);
  return [];
}

/** What each derived field of the package is computed from, across forms. */
function derivedSources(forms: readonly FormDefinition[]): Map<FieldRef, FieldRef[]> {
  const sources = new Map<FieldRef, FieldRef[]>();
  for (const form of forms) {
    for (const field of form.fields) {
      const definition = fieldTypeFor(field);
      if (!definition?.derived) continue;
      const local = (definition.dependsOn?.(field) ?? []).map((key) => refOf(form.key, key));
      sources.set(refOf(form.key, field.key), [...local, ...linkedSources(form, field)]);
    }
  }
  return sources;
}

/** Each cycle among derived fields once, as the path that closes it: `a.x -> b.y -> a.x`. */
function derivedCycles(sources: Map<FieldRef, FieldRef[]>): FieldRef[][] {
  const cycles: FieldRef[][] = [];
  const done = new Set<FieldRef>();
  const visit = (ref: FieldRef, path: FieldRef[]) => {
    const at = path.indexOf(ref);
    if (at >= 0) return cycles.push([...path.slice(at), ref]);
    if (done.has(ref) || !sources.has(ref)) return;
    for (const next of sources.get(ref) ?? []) visit(next, [...path, ref]);
    done.add(ref);
  };
  for (const ref of sources.keys()) visit(ref, []);
  return cycles;
}

/**
 * What the platform checks when it imports the package's forms: each form's definition
 * (validateFormDefinition) and its relations, lookups and rollups against the other forms
 * (resolveFormLinks). Also what it does not check: derived fields whose inputs, followed across
 * forms, lead back to themselves (the platform would recompute them in a loop until its depth limit).
 */
export function findLinkIssues(forms: readonly FormDefinition[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const byKey = new Map(forms.map((form) => [form.key, form]));
  forms.forEach((form, i) => {
    for (const issue of validateFormDefinition(form)) issues.push({ ...issue, path: ['forms', i, ...issue.path] });
    for (const issue of resolveFormLinks(form, byKey).issues) issues.push({ ...issue, path: ['forms', i, ...issue.path] });
  });
  for (const cycle of derivedCycles(derivedSources(forms))) {
    const [formKey, fieldKey] = (cycle[0] as FieldRef).split('.');
    const i = forms.findIndex((form) => form.key === formKey);
    const j = forms[i]?.fields.findIndex((field) => field.key === fieldKey) ?? -1;
    issues.push({ path: ['forms', i, 'fields', j], code: 'derived_cycle', message: cycle.join(' -> ') });
  }
  return issues;
}
