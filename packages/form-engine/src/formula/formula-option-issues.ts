import type { FormDefinition } from '@platform/schema';
import type { FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { compileFormula } from './compile-formula';
import type { CompileFormulaResult } from './formula-types';

/**
 * The keys a formula of `form` may read: every value field (layout items aside), and sub-form columns
 * as `lines.amount` (a list over the rows, for SUM and the like).
 */
export function formulaFieldKeys(form: FormDefinition, typeOf: (type: string) => FieldTypeDefinition | undefined): string[] {
  return form.fields
    .filter((candidate) => {
      const definition = typeOf(candidate.type);
      return definition !== undefined && !definition.layout;
    })
    .flatMap((candidate) => [
      candidate.key,
      ...(candidate.type === 'subForm' && Array.isArray(candidate.options?.fields)
        ? (candidate.options.fields as { key?: unknown }[]).flatMap((column) => (typeof column?.key === 'string' ? [`${candidate.key}.${column.key}`] : []))
        : []),
    ]);
}

/** Compiles a formula option against the form's keys; its syntax issues as option issues at `at`. */
export function compileFormulaOption(
  expression: string, form: FormDefinition, typeOf: (type: string) => FieldTypeDefinition | undefined, at: (string | number)[],
): { result: CompileFormulaResult; issues: FieldOptionIssue[] } {
  const result = compileFormula(expression, { fieldKeys: formulaFieldKeys(form, typeOf) });
  const issues = result.ok ? [] : result.issues.map((issue): FieldOptionIssue => ({
    path: at,
    code: issue.code,
    message: `${issue.message} (at character ${issue.position + 1})`,
    params: { ...issue.params, position: issue.position, character: issue.position + 1 },
  }));
  return { result, issues };
}
