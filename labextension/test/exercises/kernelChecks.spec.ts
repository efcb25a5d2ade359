import { Kernel } from '@jupyterlab/services';
import { runChecksInKernel } from '../../src/exercises/kernelChecks';

const CHECKS = [
  { code: 'assert evens is not None', message: '`evens` is still None.' },
  { code: 'assert evens.shape == (11,)', message: 'Eleven numbers.' }
];

type Reply = { status: string; ename?: string; evalue?: string } | 'restart';

/** A kernel that answers each execute request with the next scripted reply. */
function scriptedKernel(replies: Reply[], status: Kernel.Status = 'idle') {
  const requests: Record<string, unknown>[] = [];
  const watchers: ((sender: unknown, status: Kernel.Status) => void)[] = [];
  const kernel = {
    status,
    isDisposed: false,
    statusChanged: {
      connect: (watch: (typeof watchers)[number]) => watchers.push(watch),
      disconnect: () => undefined
    },
    requestExecute: (content: Record<string, unknown>) => {
      requests.push(content);
      const reply = replies.shift()!;
      if (reply === 'restart') {
        watchers.forEach(watch => watch(kernel, 'restarting'));
        return { done: Promise.reject(new Error('Canceled future')) };
      }
      return { done: Promise.resolve({ content: reply }) };
    }
  } as unknown as Kernel.IKernelConnection;
  return { kernel, requests };
}

describe('checks in the kernel', () => {
  it('send each check as-is, silently, without history', async () => {
    const { kernel, requests } = scriptedKernel([
      { status: 'ok' },
      { status: 'ok' }
    ]);
    const result = await runChecksInKernel(kernel, CHECKS, () => undefined);
    expect(result).toEqual({
      ran: true,
      outcomes: [
        { state: 'passed', message: CHECKS[0].message },
        { state: 'passed', message: CHECKS[1].message }
      ]
    });
    expect(requests).toEqual(
      CHECKS.map(check =>
        expect.objectContaining({
          code: check.code,
          silent: true,
          store_history: false,
          allow_stdin: false
        })
      )
    );
  });

  it('stop at the first failing check', async () => {
    const { kernel, requests } = scriptedKernel([
      { status: 'error', ename: 'AssertionError', evalue: '' }
    ]);
    const result = await runChecksInKernel(kernel, CHECKS, () => undefined);
    expect(result).toEqual({
      ran: true,
      outcomes: [
        {
          state: 'failed',
          message: CHECKS[0].message,
          error: 'AssertionError'
        },
        { state: 'not_run', message: CHECKS[1].message }
      ]
    });
    expect(requests).toHaveLength(1);
  });

  it.each([[null], [undefined]])('need a kernel (%s)', async kernel => {
    const result = await runChecksInKernel(kernel, CHECKS, () => undefined);
    expect(result.ran).toBe(false);
  });

  it('refuse a dead kernel without sending anything', async () => {
    const { kernel, requests } = scriptedKernel([], 'dead');
    const result = await runChecksInKernel(kernel, CHECKS, () => undefined);
    expect(result).toEqual({
      ran: false,
      reason: expect.stringContaining('No kernel')
    });
    expect(requests).toHaveLength(0);
  });

  it('never pass when the kernel restarts during the run', async () => {
    const { kernel } = scriptedKernel([{ status: 'ok' }, 'restart']);
    const result = await runChecksInKernel(kernel, CHECKS, () => undefined);
    expect(result).toEqual({
      ran: false,
      reason: expect.stringContaining('restarted')
    });
  });

  it('never judge a check the kernel aborted', async () => {
    const { kernel } = scriptedKernel([{ status: 'aborted' }]);
    const result = await runChecksInKernel(kernel, CHECKS, () => undefined);
    expect(result).toEqual({
      ran: false,
      reason: expect.stringContaining('skipped')
    });
  });

  it('say they wait behind a busy kernel', async () => {
    const { kernel } = scriptedKernel(
      [{ status: 'ok' }, { status: 'ok' }],
      'busy'
    );
    const waiting = jest.fn();
    await runChecksInKernel(kernel, CHECKS, waiting);
    expect(waiting).toHaveBeenCalledTimes(1);
  });
});
