import type { DisplayLocale } from '../field-type-definition';

/** The codes of the issues `compileFormula` reports. */
export type FormulaIssueCode =
  | 'formula_syntax'
  | 'formula_unknown_field'
  | 'formula_unknown_function'
  | 'formula_arity'
  | 'formula_too_long'
  | 'formula_too_complex';

/** A problem with an expression; `position` is the 0-based offset (UTF-16 units) where it starts. */
export type FormulaIssue = {
  code: FormulaIssueCode;
  message: string;
  position: number;
  params?: Record<string, string | number>;
};

export type FormulaBinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '^' | '&'
  | '=' | '!=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

export type FormulaUnaryOperator = '-' | '+' | 'not';

/** The syntax tree of an expression. `position` is where the node's token starts in the expression. */
export type FormulaNode =
  | { kind: 'number'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  | { kind: 'null'; position: number }
  /** A field of the record by key. */
  | { kind: 'field'; key: string; position: number }
  /** `lines.amount`: a sub-form column (a list over the rows), or a part of a structured value. */
  | { kind: 'column'; key: string; column: string; position: number }
  | { kind: 'unary'; operator: FormulaUnaryOperator; operand: FormulaNode; position: number }
  | { kind: 'binary'; operator: FormulaBinaryOperator; left: FormulaNode; right: FormulaNode; position: number }
  /** A function call; `name` is upper case. */
  | { kind: 'call'; name: string; args: FormulaNode[]; position: number };

/** What `compileFormula` gives on success: plain data, safe to cache or send over the wire. */
export type CompiledFormula = {
  readonly expression: string;
  readonly ast: FormulaNode;
  /** Keys of the record fields the expression reads (for `lines.amount`: `lines`), in order of appearance. */
  readonly references: readonly string[];
  /** The dotted references (`lines.amount`), in order of appearance. */
  readonly columnReferences: readonly string[];
};

export type CompileFormulaOptions = {
  /**
   * The keys an expression may reference. May also list sub-form columns as `subForm.column`: a dotted
   * reference `a.b` is checked against those only when at least one `a.` path is listed.
   */
  fieldKeys?: readonly string[];
};

export type CompileFormulaResult =
  | { ok: true; formula: CompiledFormula; references: string[] }
  | { ok: false; issues: FormulaIssue[] };

export type FormulaContext = {
  /** The instant TODAY() and NOW() read. */
  now: Date;
  /** IANA time zone of calendar dates (TODAY, YEAR of a datetime, ...). */
  timeZone: string;
  /** Operations allowed before evaluation is stopped (default 100,000). */
  maxSteps?: number;
};

/** A value as it leaves `evaluateFormula`: numbers are JavaScript numbers, dates are text. */
export type FormulaOutput =
  | number
  | string
  | boolean
  | null
  | FormulaOutput[]
  | { readonly [key: string]: unknown };

export type FormulaEvaluation =
  | { ok: true; value: FormulaOutput }
  | { ok: false; code: 'formula_error'; message: string };

export type FormulaResultType = 'number' | 'text' | 'date' | 'datetime' | 'boolean';

export type FormulaCategory = 'math' | 'text' | 'date' | 'logic' | 'aggregate' | 'money';

/** One entry of the function picker. `maxArgs: null` means any number of arguments. */
export type FormulaFunctionInfo = {
  name: string;
  category: FormulaCategory;
  minArgs: number;
  maxArgs: number | null;
  /** How a call is written, e.g. 'ROUND(number, [digits])'. */
  syntax: string;
  description: Record<DisplayLocale, string>;
};
