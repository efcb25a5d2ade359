import { Kernel } from '@jupyterlab/services';
import { ANSWER_LINE, runSilently } from './kernelProgram';

/**
 * pip in the kernel's own environment, as `%pip install` does it but with
 * an argument list and no shell: the requirement is one argument, after
 * `--`, so nothing in it is expanded or read as an option.
 */
const PIP_INSTALL = `
import subprocess, sys
done = subprocess.run(
    [sys.executable, "-m", "pip", "install", "--no-input", "--no-color",
     "--disable-pip-version-check", "--", REQUIREMENT],
    capture_output=True, text=True, stdin=subprocess.DEVNULL,
)
lines = (done.stderr or done.stdout).strip().splitlines()
answer = {"ok": done.returncode == 0, "error": lines[-1] if lines else None}
${ANSWER_LINE}
`;

/** Install one requirement (e.g. `numpy>=1.26`) into an IPython kernel's environment. */
export async function pipInstall(
  kernel: Kernel.IKernelConnection,
  requirement: string
): Promise<void> {
  const answer = await runSilently<{ ok: boolean; error: string | null }>(
    kernel,
    PIP_INSTALL,
    { REQUIREMENT: requirement }
  );
  if (!answer.ok) {
    throw new Error(answer.error ?? 'pip could not install it');
  }
}
