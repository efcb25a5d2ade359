import {
  checkOutcome,
  checkRunOf,
  errorText,
  ranToTheEnd
} from '../../src/exercises/checkOutcome';
import { exerciseSummaryText } from '../../src/exercises/summaryText';

const CHECK = {
  code: 'assert evens is not None',
  message: '`evens` is still None.'
};

describe('a check outcome', () => {
  it('passes when the check ran without raising', () => {
    expect(checkOutcome(CHECK, { status: 'ok' })).toEqual({
      state: 'passed',
      message: CHECK.message
    });
  });

  it('fails with the declared message and the exception raised', () => {
    expect(
      checkOutcome(CHECK, {
        status: 'error',
        ename: 'NameError',
        evalue: "name 'evens' is not defined"
      })
    ).toEqual({
      state: 'failed',
      message: CHECK.message,
      error: "NameError: name 'evens' is not defined"
    });
  });

  it('names a bare assertion by its exception alone', () => {
    expect(
      errorText({ status: 'error', ename: 'AssertionError', evalue: '' })
    ).toBe('AssertionError');
    expect(errorText({ status: 'error' })).toBe('Error');
  });

  it("names the Pyodide kernel's error as ipykernel does", () => {
    // jupyterlite-pyodide-kernel reports ename as str() of the class.
    expect(
      errorText({
        status: 'error',
        ename: "<class 'AssertionError'>",
        evalue: 'evens is still None'
      })
    ).toBe('AssertionError: evens is still None');
  });

  it('tells an aborted execution from one that ran', () => {
    expect(ranToTheEnd({ status: 'ok' })).toBe(true);
    expect(ranToTheEnd({ status: 'error' })).toBe(true);
    expect(ranToTheEnd({ status: 'aborted' })).toBe(false);
  });
});

describe('the run recorded', () => {
  it('passes only when every check passed', () => {
    expect(
      checkRunOf([
        { state: 'passed', message: 'a' },
        { state: 'passed', message: 'b' }
      ])
    ).toEqual({ passed: true });
  });

  it('names the first failing check and what it raised', () => {
    expect(
      checkRunOf([
        { state: 'passed', message: 'a' },
        { state: 'failed', message: 'b', error: 'AssertionError' },
        { state: 'not_run', message: 'c' }
      ])
    ).toEqual({ passed: false, failed_check: 1, error: 'AssertionError' });
  });
});

describe('the module card', () => {
  it('counts the passed exercises', () => {
    expect(exerciseSummaryText({ passed: 3, total: 5 })).toBe(
      '3 of 5 exercises passed'
    );
    expect(exerciseSummaryText({ passed: 0, total: 1 })).toBe(
      '0 of 1 exercise passed'
    );
  });

  it('says nothing for a module without exercises', () => {
    expect(exerciseSummaryText({ passed: 0, total: 0 })).toBeNull();
    expect(exerciseSummaryText(undefined)).toBeNull();
  });
});
