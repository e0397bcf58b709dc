// Inside an evaluation, conversions and checks (toNumber, checkNumber...) throw these rather than thread
// a result through every call; evaluateFormula is the one boundary that catches them and never throws.
// That is why they do not carry the OrThrow suffix of the house style: nothing outside this folder sees them.

/** A formula could not give a value (division by zero, text that is not a number...). IFERROR catches it. */
export class FormulaError extends Error {}

/** The evaluation ran out of steps or built too much: never caught by IFERROR. */
export class FormulaLimitError extends Error {}

export function formulaError(message: string): never {
  throw new FormulaError(message);
}
