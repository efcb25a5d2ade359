import {
  VEGALITE_MIME,
  completionSpec,
  errorsSpec,
  passRateSpec,
  questionsSpec
} from '../../src/instructor/charts';
import { ClassExercise } from '../../src/instructor/service';

const EXERCISES: ClassExercise[] = [
  {
    id: 'evens',
    title: 'Creating arrays',
    tried: 4,
    passed: 2,
    pass_rate: 0.4,
    median_attempts_to_pass: 1.5,
    stuck: 2,
    failing_checks: [],
    errors: [
      { name: 'NameError', message: "name '…' is not defined", runs: 2 },
      { name: '', message: 'no name', runs: 1 }
    ]
  },
  {
    id: 'passing',
    title: '',
    tried: 0,
    passed: 0,
    pass_rate: null,
    median_attempts_to_pass: null,
    stuck: 0,
    failing_checks: [],
    errors: []
  }
];

const data = (spec: Record<string, unknown>): unknown =>
  (spec.data as { values: unknown }).values;

describe('the dashboard charts', () => {
  it('are Vega-Lite 5, the mime type JupyterLab renders', () => {
    expect(VEGALITE_MIME).toBe('application/vnd.vegalite.v5+json');
    expect(
      completionSpec({ not_started: 0, in_progress: 0, completed: 0 }).$schema
    ).toBe('https://vega.github.io/schema/vega-lite/v5.json');
  });

  it('count the students per status in course order', () => {
    const spec = completionSpec({
      not_started: 2,
      in_progress: 2,
      completed: 1
    });
    expect(data(spec)).toEqual([
      { status: 'Not Started', students: 2 },
      { status: 'In Progress', students: 2 },
      { status: 'Completed', students: 1 }
    ]);
    expect(spec.mark).toEqual({ type: 'bar', tooltip: true });
  });

  it('show each exercise by title (else id), an empty class at 0', () => {
    const spec = passRateSpec(EXERCISES);
    expect(data(spec)).toEqual([
      { exercise: 'Creating arrays', pass_rate: 0.4 },
      { exercise: 'passing', pass_rate: 0 }
    ]);
    const x = (spec.encoding as { x: { sort: string[] } }).x;
    expect(x.sort).toEqual(['Creating arrays', 'passing']);
  });

  it('stack the failing runs by error kind', () => {
    expect(data(errorsSpec(EXERCISES))).toEqual([
      {
        exercise: 'Creating arrays',
        error: "NameError: name '…' is not defined",
        runs: 2
      },
      { exercise: 'Creating arrays', error: 'no name', runs: 1 }
    ]);
  });

  it('put the questions on a UTC day axis', () => {
    const spec = questionsSpec({
      module_id: 'm',
      days: [{ day: '2026-12-01', questions: 3 }]
    });
    expect(data(spec)).toEqual([{ day: '2026-12-01', questions: 3 }]);
    expect((spec.encoding as { x: object }).x).toMatchObject({
      type: 'temporal',
      timeUnit: 'utcyearmonthdate'
    });
  });

  it('carry the data as JSON, never markup', () => {
    const hostile: ClassExercise = {
      ...EXERCISES[0],
      title: '<img src=x onerror=alert(1)>'
    };
    const spec = JSON.parse(JSON.stringify(passRateSpec([hostile])));
    expect(data(spec)).toEqual([
      { exercise: '<img src=x onerror=alert(1)>', pass_rate: 0.4 }
    ]);
  });
});
