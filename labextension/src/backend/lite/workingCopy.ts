import { Contents } from '@jupyterlab/services';
import { PartialJSONObject } from '@lumino/coreutils';
import { OpenedModule } from '../types';

/** What a working copy is made from: the saved work, else the course notebook. */
export type WorkingCopySource = {
  path: string;
  coursePath: string;
  savedState: PartialJSONObject | null;
  savedAt: string | null;
};

/**
 * The student's copy of a module notebook in the site's browser storage,
 * by the server's rules: created from the saved work (work done elsewhere)
 * or else from the course notebook; when the saved work is newer than an
 * existing copy and differs from it, the copy is restored and the old one
 * kept beside it.
 */
export async function openWorkingCopy(
  contents: Contents.IManager,
  source: WorkingCopySource
): Promise<Omit<OpenedModule, 'progress'>> {
  const { path, savedState, savedAt } = source;
  const current = await getOrNull(contents, path);
  if (current === null) {
    await ensureFolder(contents, folderOf(path));
    const content =
      savedState ??
      ((await contents.get(source.coursePath, { content: true }))
        .content as PartialJSONObject);
    await contents.save(path, { type: 'notebook', format: 'json', content });
    return {
      path,
      created: true,
      restored: savedState !== null,
      backup_path: null
    };
  }
  const unchanged = {
    path,
    created: false,
    restored: false,
    backup_path: null
  };
  if (savedState === null || savedAt === null) {
    return unchanged;
  }
  const newer = Date.parse(savedAt) > Date.parse(current.last_modified);
  if (!newer || sameCells(current.content, savedState)) {
    return unchanged;
  }
  const stem = path
    .substring(folderOf(path).length)
    .replace(/^\/|\.ipynb$/g, '');
  const stamp = current.last_modified
    .substring(0, 19)
    .replace('T', ' ')
    .replace(/:/g, '');
  const backup = `${folderOf(path)}/${stem} (before restore ${stamp}).ipynb`;
  // A copy, not a rename: a rename would move the open notebook's tab to the
  // backup, where the server's restore leaves it on the working copy.
  await contents.save(backup, {
    type: 'notebook',
    format: 'json',
    content: current.content
  });
  await contents.save(path, {
    type: 'notebook',
    format: 'json',
    content: savedState
  });
  return { path, created: false, restored: true, backup_path: backup };
}

async function getOrNull(
  contents: Contents.IManager,
  path: string
): Promise<Contents.IModel | null> {
  try {
    return await contents.get(path, { content: true });
  } catch {
    return null;
  }
}

async function ensureFolder(
  contents: Contents.IManager,
  folder: string
): Promise<void> {
  if (folder === '' || (await getOrNull(contents, folder)) !== null) {
    return;
  }
  const made = await contents.newUntitled({ type: 'directory', path: '' });
  await contents.rename(made.path, folder);
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.substring(0, slash);
}

type Cell = { cell_type?: unknown; source?: unknown };

/** Same cell types and sources: outputs and metadata do not count. */
function sameCells(left: unknown, right: unknown): boolean {
  const cells = (notebook: unknown) =>
    (((notebook as { cells?: Cell[] } | null)?.cells ?? []) as Cell[]).map(
      cell => [
        cell.cell_type,
        Array.isArray(cell.source) ? cell.source.join('') : String(cell.source)
      ]
    );
  return JSON.stringify(cells(left)) === JSON.stringify(cells(right));
}
