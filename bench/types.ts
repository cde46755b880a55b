/** One row of `npm run bench`: a named figure and, when it has one, its goal and whether it was met. */
export type BenchLine = {
  name: string;
  value: number;
  /** 'ratio', 'ms', 'µs', 'KB', ... */
  unit: string;
  /** Written for people, e.g. '≤ 1.10'. */
  goal?: string;
  /** Whether the goal was met; absent for a figure without a goal. */
  ok?: boolean;
};

/** What each bench/ section module exports. */
export type BenchSection = () => Promise<BenchLine[]>;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
