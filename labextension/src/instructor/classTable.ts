import { ModuleStatus } from '../contract/schema';
import { ClassStudent } from './service';

/** The student table's sortable columns. */
export type StudentColumn =
  | 'user_id'
  | 'status'
  | 'exercises_passed'
  | 'questions'
  | 'highest_hint_level'
  | 'last_activity';

export type SortOrder = { column: StudentColumn; descending: boolean };

/** The status filter: one status, or every student. */
export type StatusFilter = ModuleStatus | 'all';

// Statuses sort in the order a student goes through them.
const STATUS_RANK: Record<ModuleStatus, number> = {
  not_started: 0,
  in_progress: 1,
  completed: 2
};

function sortKey(
  student: ClassStudent,
  column: StudentColumn
): string | number | null {
  if (column === 'status') {
    return STATUS_RANK[student.status];
  }
  if (column === 'last_activity') {
    return student.last_activity === null
      ? null
      : Date.parse(student.last_activity);
  }
  return student[column];
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.localeCompare(b);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The students in the order asked; unknown values (no hint asked, no
 * activity) last either way, ties by user id.
 */
export function sortStudents(
  students: readonly ClassStudent[],
  order: SortOrder
): ClassStudent[] {
  const sign = order.descending ? -1 : 1;
  return [...students].sort((a, b) => {
    const keyA = sortKey(a, order.column);
    const keyB = sortKey(b, order.column);
    if (keyA === null || keyB === null) {
      if (keyA !== keyB) {
        return keyA === null ? 1 : -1;
      }
    } else {
      const compared = compareKeys(keyA, keyB);
      if (compared !== 0) {
        return sign * compared;
      }
    }
    return a.user_id.localeCompare(b.user_id);
  });
}

/** Students whose user id contains the text (any case) and of the status. */
export function filterStudents(
  students: readonly ClassStudent[],
  text: string,
  status: StatusFilter
): ClassStudent[] {
  const needle = text.trim().toLowerCase();
  return students.filter(
    student =>
      (status === 'all' || student.status === status) &&
      student.user_id.toLowerCase().includes(needle)
  );
}

/** Clicking a column header: sort by it, or flip it if it is the sort already. */
export function toggleSort(order: SortOrder, column: StudentColumn): SortOrder {
  return order.column === column
    ? { column, descending: !order.descending }
    : { column, descending: false };
}
