import { AiPolicyBlock } from '../../../src/contract/schema';
import {
  PolicyForm,
  policyBody,
  policyForm
} from '../../../src/instructor/policy/policyForm';

const EXAM = {
  mode: 'off' as const,
  from: '2026-12-10T09:00',
  until: '2026-12-10T11:00',
  timezone: 'Europe/Berlin',
  reason: 'exam'
};

describe('policyForm', () => {
  it('leaves every field unset without an override', () => {
    expect(policyForm(null)).toEqual({ mode: '', maxLevel: '', window: null });
  });

  it('shows the override’s mode, cap and first window', () => {
    expect(
      policyForm({ mode: 'hints', max_level: 2, windows: [EXAM] })
    ).toEqual({ mode: 'hints', maxLevel: '2', window: EXAM });
  });
});

describe('policyBody', () => {
  it('sends only the fields set', () => {
    expect(policyBody({ mode: '', maxLevel: '', window: null }, null)).toEqual(
      {}
    );
    expect(
      policyBody({ mode: 'off', maxLevel: '3', window: null }, null)
    ).toEqual({ mode: 'off' });
  });

  it('sends the hint cap as a number with hints', () => {
    expect(
      policyBody({ mode: 'hints', maxLevel: ' 2 ', window: null }, null)
    ).toEqual({ mode: 'hints', max_level: 2 });
  });

  it('sends a cap that is no number for the server to refuse', () => {
    const body = policyBody(
      { mode: 'hints', maxLevel: 'two', window: null },
      null
    );
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      mode: 'hints',
      max_level: null
    });
  });

  it('sends the window, without an empty reason, trimmed', () => {
    const form: PolicyForm = {
      mode: 'full',
      maxLevel: '',
      window: { ...EXAM, timezone: ' Europe/Berlin ', reason: '  ' }
    };
    const { reason: _, ...withoutReason } = EXAM;
    expect(policyBody(form, null)).toEqual({
      mode: 'full',
      windows: [withoutReason]
    });
  });

  it('keeps the override’s other windows and its exercises', () => {
    const nightly = {
      mode: 'off' as const,
      from: '22:00',
      until: '06:00',
      timezone: 'Europe/Berlin'
    };
    const override: AiPolicyBlock = {
      mode: 'hints',
      windows: [EXAM, nightly],
      exercises: { arrays: { mode: 'full' } }
    };
    expect(
      policyBody({ mode: 'hints', maxLevel: '', window: null }, override)
    ).toEqual({
      mode: 'hints',
      windows: [nightly],
      exercises: { arrays: { mode: 'full' } }
    });
  });
});
