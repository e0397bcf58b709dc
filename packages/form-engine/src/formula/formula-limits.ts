/** Bounds that keep every formula cheap, whatever its author or its data. */
export const FORMULA_LIMITS = {
  /** Characters of an expression. */
  maxLength: 4_000,
  /** Nodes of its syntax tree. */
  maxNodes: 2_000,
  /** Parentheses, calls and prefix operators inside one another. */
  maxNesting: 64,
  /** Operations of one evaluation, unless the context says otherwise. */
  maxSteps: 100_000,
  /** Characters of any text a formula builds. */
  maxTextLength: 1_000_000,
  /** Levels of arrays and objects read from the record. */
  maxInputDepth: 8,
} as const;
