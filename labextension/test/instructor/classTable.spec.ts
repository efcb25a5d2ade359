import {
  filterStudents,
  sortStudents,
  toggleSort
} from '../../src/instructor/classTable';
import { ClassStudent } from '../../src/instructor/service';

function student(
  user_id: string,
  fields: Partial<ClassStudent> = {}
): ClassStudent {
  return {
    user_id,
    status: 'in_progress',
    exercises_passed: 0,
    exercises_total: 2,
    questions: 0,
    highest_hint_level: null,
    last_activity: null,
    ...fields
  };
}

const CLASS = [
  student('cy', { status: 'completed', exercises_passed: 2, questions: 1 }),
  student('Ada', {
    highest_hint_level: 2,
    questions: 3,
    last_activity: '2026-12-01T10:00:00Z'
  }),
  student('bob', {
    status: 'not_started',
    highest_hint_level: 4,
    last_activity: '2026-12-02T09:00:00Z'
  })
];

const ids = (students: ClassStudent[]): string[] =>
  students.map(s => s.user_id);

describe('the student table', () => {
  it('sorts by user id, and back', () => {
    expect(
      ids(sortStudents(CLASS, { column: 'user_id', descending: false }))
    ).toEqual(['Ada', 'bob', 'cy']);
    expect(
      ids(sortStudents(CLASS, { column: 'user_id', descending: true }))
    ).toEqual(['cy', 'bob', 'Ada']);
  });

  it('sorts statuses in the order a student goes through them', () => {
    expect(
      ids(sortStudents(CLASS, { column: 'status', descending: false }))
    ).toEqual(['bob', 'Ada', 'cy']);
  });

  it('sorts numbers and moments, unknown values last either way', () => {
    expect(
      ids(sortStudents(CLASS, { column: 'questions', descending: true }))
    ).toEqual(['Ada', 'cy', 'bob']);
    expect(
      ids(
        sortStudents(CLASS, { column: 'highest_hint_level', descending: true })
      )
    ).toEqual(['bob', 'Ada', 'cy']);
    expect(
      ids(
        sortStudents(CLASS, { column: 'highest_hint_level', descending: false })
      )
    ).toEqual(['Ada', 'bob', 'cy']);
    expect(
      ids(sortStudents(CLASS, { column: 'last_activity', descending: true }))
    ).toEqual(['bob', 'Ada', 'cy']);
  });

  it('filters by text in any case and by status', () => {
    expect(ids(filterStudents(CLASS, ' A', 'all'))).toEqual(['Ada']);
    expect(ids(filterStudents(CLASS, '', 'not_started'))).toEqual(['bob']);
    expect(ids(filterStudents(CLASS, 'b', 'completed'))).toEqual([]);
  });

  it('a header click sorts by its column, a second flips it', () => {
    const byId = { column: 'user_id' as const, descending: false };
    expect(toggleSort(byId, 'user_id')).toEqual({
      column: 'user_id',
      descending: true
    });
    expect(toggleSort(byId, 'questions')).toEqual({
      column: 'questions',
      descending: false
    });
  });
});
