import type { CpuPlan } from './cpu-pinning.js';

/** One line of the result table: a figure, the baseline measured in the same run, and our goal. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the value is compared with, measured (or derived from a measurement) in the same run. */
  readonly baseline: { readonly value: number; readonly unit: string; readonly label: string } | null;
  /** Median of the per-round ratios (subject ÷ baseline, or baseline ÷ subject for a cost; see the goal). */
  readonly ratio: number | null;
  readonly goal: string;
  /** null: informational, no goal. */
  readonly pass: boolean | null;
}

export interface BenchResult {
  readonly figures: readonly Figure[];
  /** Conditions and skips the reader must know to trust the figures. */
  readonly notes: readonly string[];
}

export interface BenchOptions {
  readonly quick: boolean;
  /** Interleaved rounds per figure; each figure is the median over them. */
  readonly rounds: number;
  /** Progress for the operator (stderr); the table goes to stdout. */
  readonly log: (message: string) => void;
  readonly cpu: CpuPlan;
}
