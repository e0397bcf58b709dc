import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { compileFormula } from './compile-formula';
import { evaluateFormula } from './evaluate-formula';
import { listFormulaFunctions } from './list-formula-functions';

// decimal.js used directly, configured as the formula language documents: 40 significant digits, half up.
const Reference = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const CONTEXT = { now: new Date('2024-02-29T16:30:00Z'), timeZone: 'Asia/Shanghai' };

type Arithmetic = { text: string; value: (fields: Record<string, number>) => Decimal | 'division by zero' };

/** A decimal with up to 4 fraction digits, as text: '-12345.0678'. */
const decimalText = fc
  .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 4 }))
  .map(([units, scale]) => new Reference(units).div(10 ** scale).toFixed());

function arithmetic(fieldCount: number): fc.Arbitrary<Arithmetic> {
  const literal = decimalText.map((text): Arithmetic => ({ text: `(${text})`, value: () => new Reference(text) }));
  const field = fc.integer({ min: 0, max: fieldCount - 1 }).map((index): Arithmetic => ({
    text: `f${index}`,
    value: (fields) => new Reference(fields[`f${index}`]),
  }));
  const { tree } = fc.letrec<{ tree: Arithmetic }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      field,
      fc.tuple(tie('tree'), fc.constantFrom('+', '-', '*', '/'), tie('tree')).map(([left, operator, right]): Arithmetic => ({
        text: `(${left.text} ${operator} ${right.text})`,
        value: (fields) => {
          const a = left.value(fields);
          const b = right.value(fields);
          if (a === 'division by zero' || b === 'division by zero') return 'division by zero';
          if (operator === '+') return a.plus(b);
          if (operator === '-') return a.minus(b);
          if (operator === '*') return a.times(b);
          return b.isZero() ? 'division by zero' : a.div(b);
        },
      })),
    ),
  }));
  return tree;
}

describe('formula properties', () => {
  it('computes random arithmetic over decimals exactly as decimal.js does', () => {
    const fields = fc.array(decimalText.map(Number), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(arithmetic(3), fields, (expression, [f0, f1, f2]) => {
        const values = { f0, f1, f2 };
        const compiled = compileFormula(expression.text);
        if (!compiled.ok) return false;
        const result = evaluateFormula(compiled.formula, values, CONTEXT);
        const expected = expression.value(values);
        if (expected === 'division by zero') {
          return !result.ok && result.message.endsWith('division by zero');
        }
        const number = expected.toNumber();
        return result.ok && result.value === (number === 0 ? 0 : number);
      }),
      { numRuns: 500 },
    );
  });

  it('adds money without binary drift', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }), { minLength: 1, maxLength: 30 }), (cents) => {
        const rows = cents.map((cent) => ({ amount: cent / 100 }));
        const compiled = compileFormula('SUM(lines.amount)');
        if (!compiled.ok) return false;
        const result = evaluateFormula(compiled.formula, { lines: rows }, CONTEXT);
        const total = cents.reduce((sum, cent) => sum + cent, 0) / 100;
        return result.ok && result.value === (total === 0 ? 0 : total);
      }),
    );
  });

  it('never throws, whatever the expression and the values', () => {
    const functions = listFormulaFunctions();
    const atom = fc.constantFrom(
      '1', '0', '0.5', '-3', '1e400', 'qty', 'lines.amount', 'lines', 'tags', 'address', 'address.city', '__proto__',
      'constructor', '{and}', '"2024-02-29"', '"2024-02-29T16:30:00Z"', '"x"', '"12:30"', '"d"', '"m"', '"h"', '">1"',
      '"0.00"', '"YYYY-MM-DD"', 'true', 'null', '""',
    );
    const operator = fc.constantFrom('+', '-', '*', '/', '%', '^', '&', '=', '<>', '<', '>=', 'and', 'or');
    // Syntactically valid expressions with calls of every function at an accepted arity.
    const { expression } = fc.letrec<{ expression: string }>((tie) => ({
      expression: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.tuple(tie('expression'), operator, tie('expression')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('expression').map((operand) => `-${operand}`),
        tie('expression').map((operand) => `not ${operand}`),
        fc.constantFrom(...functions).chain((fn) =>
          fc
            .array(tie('expression'), { minLength: fn.minArgs, maxLength: fn.maxArgs ?? fn.minArgs + 2 })
            .filter((args) => fn.name !== 'IFS' || args.length % 2 === 0)
            .map((args) => `${fn.name}(${args.join(', ')})`),
        ),
      ),
    }));
    const values = fc.record({
      qty: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
      lines: fc.array(fc.record({ amount: fc.oneof(fc.double(), fc.string(), fc.constant(null)) }), { maxLength: 5 }),
      tags: fc.array(fc.string(), { maxLength: 4 }),
      address: fc.record({ city: fc.string() }),
    });
    fc.assert(
      fc.property(expression, values, (text, record) => {
        const compiled = compileFormula(text);
        if (!compiled.ok) return compiled.issues.every((issue) => issue.code === 'formula_too_complex' || issue.code === 'formula_too_long');
        const result = evaluateFormula(compiled.formula, record, CONTEXT);
        return result.ok || (result.code === 'formula_error' && result.message !== 'the formula could not be evaluated');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const compiled = compileFormula(text);
        return compiled.ok ? evaluateFormula(compiled.formula, {}, CONTEXT) !== undefined : compiled.issues.length > 0;
      }),
    );
  });
});
