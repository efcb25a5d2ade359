import { readFileSync } from 'fs';
import { join } from 'path';
import { LocalExercises } from '../../src/backend/lite/liteExercises';
import { LocalExerciseStore } from '../../src/backend/lite/localExercises';
import { SiteCatalog, SiteModule } from '../../src/backend/lite/siteCatalog';
import { BrowserTutor } from '../../src/backend/lite/tutor/browserTutor';
import { CheckRun } from '../../src/exercises/token';
import { embed } from '../../src/backend/lite/tutor/localEmbedding';
import { cosine, turnText } from '../../src/backend/lite/tutor/sameProblem';
import { SAME_PROBLEM_THRESHOLD } from '../../src/contract/constants';
import { TutorQuestion } from '../../src/backend/types';
import { MemoryStorage } from '../memoryStorage';
import { answer } from './helpers';

/**
 * The fixture the Python tests hold the server's offline tutor to
 * (tests/pedagogy/test_offline_parity.py): the browser tutor must answer
 * each turn with the same level, same-problem decision and hint text.
 */
type Expected =
  | { error: string }
  | {
      level: number;
      level_name: string;
      max_level: number;
      same_problem: boolean;
      similarity: number | null;
      text: string;
      guarded: boolean;
    };

type Conversation = {
  name: string;
  settings: unknown;
  /** Declared by the conversation's module; a turn's check run is recorded first. */
  exercise?: SiteModule['exercises'][number];
  turns: { ask: TutorQuestion; check_run?: CheckRun; expect: Expected }[];
};

/** The site's exercises of a module declaring the conversation's exercise. */
function siteExercises(conversation: Conversation): LocalExercises {
  const module = {
    id: 'parity',
    complete_when_exercises_pass: false,
    exercises: conversation.exercise ? [conversation.exercise] : []
  };
  return new LocalExercises(
    Promise.resolve({ modules: [module] } as unknown as SiteCatalog),
    new LocalExerciseStore(async () => undefined, new MemoryStorage())
  );
}

const TESTS = join(__dirname, '..', '..', '..', 'tests', 'pedagogy');

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(TESTS, name), 'utf-8')) as T;
}

const CONVERSATIONS = fixture<{ conversations: Conversation[] }>(
  'offline_parity.json'
).conversations;

test.each(CONVERSATIONS.map(c => [c.name, c] as const))(
  '%s',
  async (_, conversation) => {
    const exercises = siteExercises(conversation);
    const tutor = new BrowserTutor({
      storage: new MemoryStorage(),
      tutorSettings: async () => conversation.settings,
      exercise: (moduleId, exerciseId) => exercises.asked(moduleId, exerciseId)
    });
    const connection = tutor.openTutorConnection('parity');
    let previous: Float32Array | null = null;
    for (const { ask, check_run, expect: want } of conversation.turns) {
      if (check_run) {
        await exercises.record('parity', conversation.exercise!.id, check_run);
      }
      const frames = await answer(connection, ask);
      if ('error' in want) {
        expect(frames).toEqual([
          expect.objectContaining({ type: 'error', code: want.error })
        ]);
        continue;
      }
      const id = frames[0].id;
      expect(frames).toEqual([
        {
          type: 'start',
          id,
          level: want.level,
          level_name: want.level_name,
          max_level: want.max_level,
          same_problem: want.same_problem,
          provider: 'offline'
        },
        { type: 'delta', id, text: want.text },
        {
          type: 'end',
          id,
          message_id: expect.any(Number),
          usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
          guarded: want.guarded,
          stopped: false
        }
      ]);
      const vector = embed(
        turnText(ask.content, ask.cell_code, ask.error_output)
      );
      if (want.similarity === null) {
        expect(previous).toBeNull();
      } else {
        expect(cosine(previous!, vector)).toBeCloseTo(want.similarity, 5);
      }
      previous = vector;
    }
  }
);

test('the labelled pairs that chose the threshold are told apart as on the server', () => {
  type Turn = { question: string; cell_code: string; error_output: string };
  const pairs = fixture<{ a: Turn; b: Turn; same: boolean }[]>(
    'same_problem_pairs.json'
  );
  const similarity = (turn: Turn): Float32Array =>
    embed(turnText(turn.question, turn.cell_code, turn.error_output));
  const wrong = pairs.filter(
    pair =>
      cosine(similarity(pair.a), similarity(pair.b)) >=
        SAME_PROBLEM_THRESHOLD !==
      pair.same
  );
  expect(wrong).toEqual([]);
});
