import { readFileSync } from 'fs';
import { join } from 'path';
import { Contents } from '@jupyterlab/services';
import { PartialJSONObject } from '@lumino/coreutils';
import { openWorkingCopy } from '../../src/backend/lite/workingCopy';
import { oneCellNotebook as notebook } from '../oneCellNotebook';

/**
 * The cases the Python tests hold the server's working copies to
 * (tests/modules/test_working_copy_parity.py): the Lite site's copies must
 * open the same way.
 */
type Case = {
  name: string;
  copy: string | null;
  saved: { source: string; newer: boolean } | null;
  expect: {
    created: boolean;
    restored: boolean;
    copy: string;
    backup: string | null;
  };
};

const fixture: { course: string; cases: Case[] } = JSON.parse(
  readFileSync(
    join(__dirname, '../../../tests/modules/working_copy_parity.json'),
    'utf-8'
  )
);

const FOLDER = 'learning-modules';
const PATH = `${FOLDER}/module_01.ipynb`;
const COURSE = 'course/module_01.ipynb';
const COPY_TIME = Date.parse('2026-03-04T10:00:00Z');

/** A site's contents in memory, as far as working copies use them. */
class MemoryContents {
  readonly files = new Map<
    string,
    { content: PartialJSONObject | null; last_modified: string }
  >();

  put(path: string, content: PartialJSONObject | null, time: number): void {
    this.files.set(path, {
      content,
      last_modified: new Date(time).toISOString()
    });
  }

  async get(path: string): Promise<Contents.IModel> {
    const file = this.files.get(path);
    if (file === undefined) {
      throw new Error(`no ${path}`);
    }
    return { path, ...file } as unknown as Contents.IModel;
  }

  async save(
    path: string,
    options: Partial<Contents.IModel>
  ): Promise<Contents.IModel> {
    this.put(path, options.content as PartialJSONObject, Date.now());
    return this.get(path);
  }

  async newUntitled(): Promise<Contents.IModel> {
    this.put('Untitled Folder', null, Date.now());
    return this.get('Untitled Folder');
  }

  async rename(from: string, to: string): Promise<Contents.IModel> {
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
    return this.get(to);
  }
}

function sourceOf(content: PartialJSONObject | null | undefined): string {
  return (content as { cells: { source: string }[] }).cells[0].source;
}

describe('working copies, opened as the server opens them', () => {
  it.each(fixture.cases.map(c => [c.name, c] as [string, Case]))(
    '%s',
    async (_, c) => {
      const contents = new MemoryContents();
      contents.put(COURSE, notebook(fixture.course), COPY_TIME);
      if (c.copy !== null) {
        contents.put(FOLDER, null, COPY_TIME);
        contents.put(PATH, notebook(c.copy), COPY_TIME);
      }
      const savedAt = COPY_TIME + (c.saved?.newer ? 60000 : -60000);
      const opened = await openWorkingCopy(
        contents as unknown as Contents.IManager,
        {
          path: PATH,
          coursePath: COURSE,
          savedState: c.saved ? notebook(c.saved.source) : null,
          savedAt: c.saved ? new Date(savedAt).toISOString() : null
        }
      );
      const backups = [...contents.files.keys()].filter(
        path =>
          path.startsWith(`${FOLDER}/`) && path !== PATH && path !== COURSE
      );
      expect({
        created: opened.created,
        restored: opened.restored,
        copy: sourceOf(contents.files.get(PATH)?.content),
        backup:
          backups.length > 0
            ? sourceOf(contents.files.get(backups[0])?.content)
            : null
      }).toEqual(c.expect);
      expect(opened.backup_path === null).toBe(backups.length === 0);
    }
  );
});
