import { parseTutorSettings } from '../../src/backend/lite/tutor/settings';

test('the defaults, and a block read as the server reads it', () => {
  expect(parseTutorSettings(null)).toEqual({ maxLevel: 4, avoid: [] });
  expect(
    parseTutorSettings({
      max_level: 3,
      code_allowed_level: 3,
      avoid: [' polyfit '],
      instructions: ' Be brief. '
    })
  ).toEqual({ maxLevel: 3, avoid: ['polyfit'] });
});

test.each([
  [[], 'must be an object'],
  [{ max_level: 0 }, 'max_level must be'],
  [{ max_level: null }, 'max_level must be'],
  [{ code_allowed_level: '4' }, 'code_allowed_level must be'],
  [{ avoid: 'polyfit' }, 'avoid must be a list'],
  [{ avoid: [' '] }, 'avoid must be a list'],
  [{ instructions: 3 }, 'instructions must be text'],
  [{ hints: 2 }, 'unknown tutor setting(s): hints']
])('%j is refused', (raw, reason) => {
  expect(() => parseTutorSettings(raw)).toThrow(reason);
});
