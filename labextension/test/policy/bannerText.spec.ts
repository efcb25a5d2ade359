import { AiPolicyNow } from '../../src/contract/schema';
import { localTime, policyBannerText } from '../../src/policy/bannerText';

const USUAL: AiPolicyNow = {
  mode: 'hints',
  max_level: 4,
  code_allowed_level: 4,
  until: null,
  reason: '',
  set_by: null,
  next_change: null
};

const clock = (iso: string) => `<${iso}>`;

describe('policyBannerText', () => {
  it('says nothing when the tutor helps as its settings say', () => {
    expect(policyBannerText(USUAL, clock)).toBeNull();
    expect(policyBannerText({ ...USUAL, mode: 'full' }, clock)).toBeNull();
  });

  it('says the tutor is off, from the course notebook', () => {
    expect(
      policyBannerText({ ...USUAL, mode: 'off', max_level: 0 }, clock)
    ).toBe('Tutor off');
  });

  it('says until when, why and who for an instructor’s window', () => {
    const policy: AiPolicyNow = {
      ...USUAL,
      mode: 'off',
      max_level: 0,
      until: '2026-12-10T11:00:00+01:00',
      reason: 'exam',
      set_by: 'teacher',
      next_change: '2026-12-10T11:00:00+01:00'
    };
    expect(policyBannerText(policy, clock)).toBe(
      'Tutor off until <2026-12-10T11:00:00+01:00> (exam) — set by your instructor'
    );
  });

  it('says the hint cap an override sets', () => {
    expect(
      policyBannerText({ ...USUAL, max_level: 2, set_by: 'teacher' }, clock)
    ).toBe('Tutor: hints only, up to level 2 — set by your instructor');
  });

  it('says full help during a window', () => {
    expect(
      policyBannerText(
        { ...USUAL, mode: 'full', until: 'later', reason: 'lab' },
        clock
      )
    ).toBe('Tutor: full help until <later> (lab)');
  });
});

describe('localTime', () => {
  it('gives the time alone today and the date on another day', () => {
    const at = new Date(2026, 11, 10, 11, 0);
    const clockOnly = localTime(at.toISOString(), new Date(2026, 11, 10, 9));
    expect(clockOnly).not.toContain(at.toLocaleDateString());
    expect(localTime(at.toISOString(), new Date(2026, 11, 9, 9))).toBe(
      `${at.toLocaleDateString()} ${clockOnly}`
    );
  });
});
