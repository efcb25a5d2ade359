import { JSONObject } from '@lumino/coreutils';
import { MODULE_STATUS_VALUES, ModuleStatus } from '../contract/schema';
import { STATUS_LABELS } from '../modules/statusLabels';
import { ClassExercise, QuestionsPerDay } from './service';

/**
 * The mime type JupyterLab 4's built-in Vega extension renders Vega-Lite 5
 * specs for (`@jupyterlab/vega5-extension`'s VEGALITE5_MIME_TYPE).
 */
export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';

/** A Vega-Lite spec: plain JSON, built here from typed data only. */
export type VegaLiteSpec = JSONObject;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

function barChart(
  title: string,
  values: JSONObject[],
  encoding: JSONObject
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title,
    // A fixed width: JupyterLab's renderer gives a chart no container width to fill.
    width: 420,
    height: 180,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding
  };
}

/** How an exercise is named on an axis: its title, else its id. */
function exerciseLabel(exercise: ClassExercise): string {
  return exercise.title || exercise.id;
}

/** Students per status, in the order a student goes through them. */
export function completionSpec(
  counts: Record<ModuleStatus, number>
): VegaLiteSpec {
  const statuses = MODULE_STATUS_VALUES;
  return barChart(
    'Completion',
    statuses.map(status => ({
      status: STATUS_LABELS[status],
      students: counts[status] ?? 0
    })),
    {
      x: {
        field: 'status',
        type: 'nominal',
        sort: statuses.map(status => STATUS_LABELS[status]),
        title: null
      },
      y: { field: 'students', type: 'quantitative', title: 'Students' }
    }
  );
}

/** Each exercise's pass rate over the class, in declaration order. */
export function passRateSpec(exercises: ClassExercise[]): VegaLiteSpec {
  return barChart(
    'Pass rate per exercise',
    exercises.map(exercise => ({
      exercise: exerciseLabel(exercise),
      pass_rate: exercise.pass_rate ?? 0
    })),
    {
      x: {
        field: 'exercise',
        type: 'nominal',
        sort: exercises.map(exerciseLabel),
        title: null
      },
      y: {
        field: 'pass_rate',
        type: 'quantitative',
        title: 'Pass rate',
        scale: { domain: [0, 1] },
        axis: { format: '%' }
      }
    }
  );
}

/** The failing runs of each exercise, stacked by error kind. */
export function errorsSpec(exercises: ClassExercise[]): VegaLiteSpec {
  return barChart(
    'Errors per exercise',
    exercises.flatMap(exercise =>
      exercise.errors.map(error => ({
        exercise: exerciseLabel(exercise),
        error: error.name ? `${error.name}: ${error.message}` : error.message,
        runs: error.runs
      }))
    ),
    {
      x: {
        field: 'exercise',
        type: 'nominal',
        sort: exercises.map(exerciseLabel),
        title: null
      },
      y: { field: 'runs', type: 'quantitative', title: 'Failing runs' },
      color: { field: 'error', type: 'nominal', title: 'Error' }
    }
  );
}

/** Tutor questions per UTC day. */
export function questionsSpec(questions: QuestionsPerDay): VegaLiteSpec {
  return barChart(
    'Questions over time',
    questions.days.map(day => ({ ...day })),
    {
      x: {
        field: 'day',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: 'Day (UTC)'
      },
      y: { field: 'questions', type: 'quantitative', title: 'Questions' }
    }
  );
}
