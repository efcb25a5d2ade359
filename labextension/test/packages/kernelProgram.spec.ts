import { Kernel } from '@jupyterlab/services';
import { pipInstall } from '../../src/packages/pipInstall';
import {
  programExpression,
  pythonData
} from '../../src/packages/kernelProgram';

const HOSTILE = [
  'numpy===`touch${IFS}/tmp/jt-marker`',
  "x'); __import__('os').system('id'); ('",
  'x"""\nimport os\n"""',
  '{__import__("os").system("id")}',
  '$(id) ; | & \\ \u2028 \ud800 \u0000 é 😀'
];
const DATA_ONLY =
  /^__import__\('json'\)\.loads\(__import__\('base64'\)\.b64decode\('[A-Za-z0-9+/=]*'\)\.decode\(\)\)$/;

function decoded(expression: string): unknown {
  const base64 = /b64decode\('([^']*)'\)/.exec(expression)![1];
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf-8'));
}

describe('data sent to a kernel', () => {
  it.each(HOSTILE)('is base64 JSON, never code: %s', text => {
    const expression = pythonData(text);
    expect(expression).toMatch(DATA_ONLY);
    expect(decoded(expression)).toBe(JSON.parse(JSON.stringify(text)));
  });

  it('leaves the program text as ours and the inputs as data', () => {
    const expression = programExpression('answer = {}', { NAME: HOSTILE[1] });
    expect(expression).not.toContain('system');
    expect(expression).toContain(pythonData({ NAME: HOSTILE[1] }));
  });
});

describe('pip in an IPython kernel', () => {
  /** A kernel that records what it is asked to run and answers as pip would. */
  function recordingKernel(answer: { ok: boolean; error: string | null }) {
    const requests: KernelMessageContent[] = [];
    const repr = `'${Buffer.from(JSON.stringify(answer)).toString('base64')}'`;
    const kernel = {
      requestExecute: (content: KernelMessageContent) => {
        requests.push(content);
        return {
          done: Promise.resolve({
            content: {
              status: 'ok',
              user_expressions: {
                answer: { status: 'ok', data: { 'text/plain': repr } }
              }
            }
          })
        };
      }
    } as unknown as Kernel.IKernelConnection;
    return { kernel, requests };
  }
  type KernelMessageContent = {
    code: string;
    silent: boolean;
    user_expressions: { [name: string]: string };
  };

  it('runs pip with the requirement as data, silently, with no shell line', async () => {
    const { kernel, requests } = recordingKernel({ ok: true, error: null });
    await pipInstall(kernel, 'numpy>=1.26');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request.code).toBe('');
    expect(request.silent).toBe(true);
    const expression = request.user_expressions.answer;
    expect(expression).not.toContain('%pip');
    expect(expression).not.toContain('numpy');
    expect(expression).toContain(pythonData({ REQUIREMENT: 'numpy>=1.26' }));
  });

  it("rejects with pip's reason", async () => {
    const { kernel } = recordingKernel({
      ok: false,
      error: 'ERROR: No matching distribution found for nope'
    });
    await expect(pipInstall(kernel, 'nope')).rejects.toThrow(
      'No matching distribution'
    );
  });
});
