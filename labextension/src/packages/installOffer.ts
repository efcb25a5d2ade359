import { Notification } from '@jupyterlab/apputils';
import { errorMessage } from '../backend/errors';
import { PackageRequest } from '../backend/types';
import { requirementOf } from './entryRules';
import { PackageLoader } from './PackageLoader';

/** Whether a required package the kernel lacks is installed with pip. */
export type PipInstallPolicy = 'never' | 'ask' | 'always';

export function pipInstallPolicy(value: unknown): PipInstallPolicy {
  return value === 'never' || value === 'always' ? value : 'ask';
}

/**
 * Tell the student which required packages the kernel cannot import, and
 * install them as the policy says. Optional packages are only marked in the
 * list: the notebook may well work without them.
 */
export function reportRequiredFailures(
  failed: PackageRequest[],
  loader: PackageLoader,
  policy: PipInstallPolicy
): void {
  for (const entry of failed) {
    if (loader.installsItself) {
      // The loader already tried to install it: say why it failed.
      const error = loader.state?.items.find(
        item => item.name === entry.name
      )?.error;
      Notification.warning(
        `The required package ${entry.name} could not be loaded: ${error ?? 'unknown error'}`,
        { autoClose: false }
      );
      continue;
    }
    const missing = `The required package ${entry.name} is not installed in this kernel.`;
    let requirement: string;
    try {
      requirement = requirementOf(entry);
    } catch (reason) {
      // Never offered: the loader refuses such an entry before this point.
      Notification.error(`${entry.name}: ${errorMessage(reason)}`);
      continue;
    }
    if (policy === 'always') {
      void install(loader, entry, requirement);
    } else if (policy === 'ask') {
      Notification.warning(missing, {
        autoClose: false,
        actions: [
          {
            // Exactly what pip is given, specifier included.
            label: `pip install ${requirement}`,
            caption: `Install ${requirement} into this kernel's environment`,
            callback: () => void install(loader, entry, requirement)
          }
        ]
      });
    } else {
      Notification.warning(`${missing} Ask your instructor.`, {
        autoClose: false
      });
    }
  }
}

async function install(
  loader: PackageLoader,
  entry: PackageRequest,
  requirement: string
): Promise<void> {
  const id = Notification.emit(`Installing ${requirement}…`, 'in-progress', {
    autoClose: false
  });
  let installed = false;
  let reason = 'pip could not install it';
  try {
    installed = await loader.install(entry);
  } catch (error) {
    reason = errorMessage(error);
  }
  Notification.update({
    id,
    message: installed
      ? `${requirement} is installed.`
      : `Could not install ${requirement}: ${reason}.`,
    type: installed ? 'success' : 'error',
    autoClose: installed ? 5000 : false
  });
}
