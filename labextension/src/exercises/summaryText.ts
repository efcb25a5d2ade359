import { ExerciseSummary } from '../contract/schema';

/** "3 of 5 exercises passed", or null for a module without exercises. */
export function exerciseSummaryText(
  summary: ExerciseSummary | undefined
): string | null {
  if (!summary || summary.total === 0) {
    return null;
  }
  const noun = summary.total === 1 ? 'exercise' : 'exercises';
  return `${summary.passed} of ${summary.total} ${noun} passed`;
}
