import { ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';
import { ModuleSummary } from '../backend/types';
import { MODULE_STATUS_VALUES } from '../contract/schema';
import { STATUS_LABELS } from '../modules/statusLabels';
import {
  SortOrder,
  StatusFilter,
  StudentColumn,
  filterStudents,
  sortStudents,
  toggleSort
} from './classTable';
import { ClassExercises, ClassExport, ClassStudents } from './service';

const STUDENT_COLUMNS: { column: StudentColumn; label: string }[] = [
  { column: 'user_id', label: 'Student' },
  { column: 'status', label: 'Status' },
  { column: 'exercises_passed', label: 'Exercises passed' },
  { column: 'questions', label: 'Questions' },
  { column: 'highest_hint_level', label: 'Highest hint' },
  { column: 'last_activity', label: 'Last activity' }
];

/** What the overview shows; `error` when the class could not be read. */
export type ClassData = {
  students: ClassStudents;
  exercises: ClassExercises;
};

export namespace ClassOverview {
  export interface IActions {
    selectModule(id: string): void;
    openStudent(userId: string): void;
    download(which: ClassExport): void;
  }
}

/** A module's class: counts, the student table, the exercise table, exports. */
export class ClassOverview extends ReactWidget {
  constructor(private readonly _actions: ClassOverview.IActions) {
    super();
    this.addClass('jp-TutorDashboard-overview');
    this.title.label = 'Class';
  }

  showClass(
    modules: ModuleSummary[],
    moduleId: string,
    data: ClassData | null,
    error: string | null
  ): void {
    this._modules = modules;
    this._moduleId = moduleId;
    this._data = data;
    this._error = error;
    this.update();
  }

  protected render(): JSX.Element {
    return (
      <>
        <div className="jp-TutorDashboard-toolbar">
          <label>
            Module{' '}
            <select
              className="jp-TutorDashboard-module"
              value={this._moduleId}
              onChange={event => this._actions.selectModule(event.target.value)}
            >
              {this._modules.map(module => (
                <option key={module.id} value={module.id}>
                  {module.title}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="jp-TutorDashboard-downloadStudents jp-Button jp-mod-styled"
            onClick={() => this._actions.download('students')}
          >
            Download students CSV
          </button>
          <button
            type="button"
            className="jp-TutorDashboard-downloadExercises jp-Button jp-mod-styled"
            onClick={() => this._actions.download('exercises')}
          >
            Download exercises CSV
          </button>
        </div>
        {this._renderBody()}
      </>
    );
  }

  private _renderBody(): JSX.Element {
    if (this._error !== null) {
      return (
        <p className="jp-TutorDashboard-error" role="alert">
          Could not load the class: {this._error}
        </p>
      );
    }
    if (this._data === null) {
      return <p className="jp-TutorDashboard-message">Loading the class…</p>;
    }
    const { students, exercises } = this._data;
    return (
      <>
        <ul className="jp-TutorDashboard-counts">
          {MODULE_STATUS_VALUES.map(status => (
            <li key={status} data-status={status}>
              <span className="jp-TutorDashboard-count">
                {students.counts[status]}
              </span>{' '}
              {STATUS_LABELS[status]}
            </li>
          ))}
        </ul>
        <h3>Students</h3>
        {this._renderFilter()}
        {this._renderStudents(students)}
        <h3>Exercises</h3>
        {this._renderExercises(exercises)}
      </>
    );
  }

  private _renderFilter(): JSX.Element {
    return (
      <div className="jp-TutorDashboard-filter">
        <input
          type="search"
          className="jp-TutorDashboard-filterText"
          placeholder="Filter students"
          aria-label="Filter students by name"
          value={this._filterText}
          onChange={event => {
            this._filterText = event.target.value;
            this.update();
          }}
        />
        <select
          className="jp-TutorDashboard-filterStatus"
          aria-label="Filter students by status"
          value={this._filterStatus}
          onChange={event => {
            this._filterStatus = event.target.value as StatusFilter;
            this.update();
          }}
        >
          <option value="all">Every status</option>
          {MODULE_STATUS_VALUES.map(status => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
    );
  }

  private _renderStudents(students: ClassStudents): JSX.Element {
    if (students.students.length === 0) {
      return (
        <p className="jp-TutorDashboard-message">
          No student has worked on this module yet.
        </p>
      );
    }
    const rows = sortStudents(
      filterStudents(students.students, this._filterText, this._filterStatus),
      this._sort
    );
    return (
      <table className="jp-TutorDashboard-table jp-TutorDashboard-students">
        <thead>
          <tr>
            {STUDENT_COLUMNS.map(({ column, label }) => (
              <th
                key={column}
                aria-sort={
                  this._sort.column !== column
                    ? 'none'
                    : this._sort.descending
                      ? 'descending'
                      : 'ascending'
                }
              >
                <button
                  type="button"
                  className="jp-TutorDashboard-sort"
                  data-column={column}
                  onClick={() => {
                    this._sort = toggleSort(this._sort, column);
                    this.update();
                  }}
                >
                  {label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(student => (
            <tr key={student.user_id} data-user-id={student.user_id}>
              <td>
                <button
                  type="button"
                  className="jp-TutorDashboard-student"
                  title={`Open ${student.user_id}'s work`}
                  onClick={() => this._actions.openStudent(student.user_id)}
                >
                  {student.user_id}
                </button>
              </td>
              <td>{STATUS_LABELS[student.status]}</td>
              <td>
                {student.exercises_passed} / {student.exercises_total}
              </td>
              <td>{student.questions}</td>
              <td>{student.highest_hint_level ?? '–'}</td>
              <td>
                {student.last_activity
                  ? new Date(student.last_activity).toLocaleString()
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  private _renderExercises(exercises: ClassExercises): JSX.Element {
    if (exercises.exercises.length === 0) {
      return (
        <p className="jp-TutorDashboard-message">
          This module declares no exercises.
        </p>
      );
    }
    return (
      <table className="jp-TutorDashboard-table jp-TutorDashboard-exercises">
        <thead>
          <tr>
            <th>Exercise</th>
            <th>Pass rate</th>
            <th>Median attempts to pass</th>
            <th>Stuck</th>
            <th>Failing checks</th>
            <th>Most frequent errors</th>
          </tr>
        </thead>
        <tbody>
          {exercises.exercises.map(exercise => (
            <tr key={exercise.id} data-exercise-id={exercise.id}>
              <td>{exercise.title || exercise.id}</td>
              <td>
                {exercise.pass_rate === null
                  ? '–'
                  : `${Math.round(exercise.pass_rate * 100)}% (${exercise.passed}/${exercises.students})`}
              </td>
              <td>{exercise.median_attempts_to_pass ?? '–'}</td>
              <td>{exercise.stuck}</td>
              <td>
                <ul>
                  {exercise.failing_checks.map(failing => (
                    <li key={failing.check}>
                      Check {failing.check + 1}: {failing.message} (
                      {failing.students})
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ul>
                  {exercise.errors.map(error => (
                    <li key={`${error.name}:${error.message}`}>
                      <code>{error.name || 'Error'}</code>
                      {error.message ? `: ${error.message}` : ''} ({error.runs})
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  private _modules: ModuleSummary[] = [];
  private _moduleId = '';
  private _data: ClassData | null = null;
  private _error: string | null = null;
  private _filterText = '';
  private _filterStatus: StatusFilter = 'all';
  private _sort: SortOrder = { column: 'user_id', descending: false };
}
