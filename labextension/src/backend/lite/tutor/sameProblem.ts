/** Compare a turn's context with the previous turn's: `tutor/similarity/same_problem.py`. */

/** What a turn is about: the question, the code and the error, in one text. */
export function turnText(
  question: string,
  cellCode: string,
  errorOutput: string
): string {
  return [question, cellCode, errorOutput].filter(part => part).join('\n');
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    return 0;
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  const norms = Math.sqrt(normA) * Math.sqrt(normB);
  return norms ? dot / norms : 0;
}

/** Which exercise a question was about, and the check failing then (null: none). */
export type FailingCheck = {
  exerciseId: string | null;
  failedCheck: number | null;
};

/**
 * The same exercise, failing the same check (`same_failing_check`): a
 * question the embedding alone would not tie to the previous one.
 */
export function sameFailingCheck(
  previous: FailingCheck,
  current: FailingCheck
): boolean {
  return (
    previous.exerciseId !== null &&
    previous.failedCheck !== null &&
    previous.exerciseId === current.exerciseId &&
    previous.failedCheck === current.failedCheck
  );
}
