/** The matching engine's public face: read a problem, solve it, check the answer, report on fairness. */
export * from './types.ts';
export { parseProblem } from './validate.ts';
export { solve, type SolveOptions } from './solve.ts';
export { verifyCertificate, type Verdict } from './certificate.ts';
export { fairnessReport, NOT_RECORDED, type FairnessReport, type Dimension, type GroupRow, type ScoreSummary } from './fairness.ts';
