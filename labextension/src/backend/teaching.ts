import { ICommandPalette } from '@jupyterlab/apputils';
import { IClientConfig } from './token';

/**
 * Whether the user teaches (an instructor or admin), known once the client
 * config has arrived (until then, and if it fails: no). Puts the command in
 * the palette for them.
 *
 * @returns a check for a command's `isVisible`.
 */
export function teachingCommand(
  config: IClientConfig,
  palette: ICommandPalette | null,
  command: string
): () => boolean {
  let teaches = false;
  config
    .getConfig()
    .then(found => {
      teaches = found.role !== 'learner';
      if (teaches) {
        palette?.addItem({ command, category: 'Jupyter Tutor' });
      }
    })
    .catch(() => undefined);
  return () => teaches;
}
