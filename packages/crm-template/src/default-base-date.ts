/** The "today" of the demo and benchmark data unless a caller picks another. */
export const DEFAULT_BASE_DATE = '2026-11-01';
