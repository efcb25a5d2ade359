/** A hint level as the student reads it, such as "Hint 2 of 4". */
export function hintLabel(level: number, maxLevel: number | null): string {
  return maxLevel ? `Hint ${level} of ${maxLevel}` : `Hint ${level}`;
}
