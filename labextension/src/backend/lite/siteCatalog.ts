import { ExerciseCheck } from '../../exercises/token';
import { TutorApiError } from '../errors';
import {
  CatalogPackage,
  PackageListProblem,
  PackageRequest,
  PackageSet
} from '../types';
import { siteFileUrl } from './site';

/** A module as the site build recorded it from the course notebook. */
export type SiteModule = {
  id: string;
  title: string;
  description: string;
  order: number;
  notebook_filename: string;
  /** Where the build put the course notebook in the site's files. */
  notebook_path: string;
  tutor_settings: { [key: string]: unknown } | null;
  packages: PackageRequest[];
  packages_is_default: boolean;
  package_problems: PackageListProblem[];
  /** As released: each exercise's checks, never its solution or hints. */
  exercises: { id: string; title?: string; checks: ExerciseCheck[] }[];
  complete_when_exercises_pass: boolean;
};

/**
 * `jupyter-tutor/catalog.json`, written at build time by jupyter-tutor's
 * JupyterLite addon from the same notebooks and lock the server reads.
 */
export type SiteCatalog = {
  format: 2;
  modules: SiteModule[];
  /** The folder of the students' copies, shipped empty with the site. */
  working_copy_dir: string;
  packages: CatalogPackage[];
  package_sets: PackageSet[];
  /** The list of a notebook that declares none. */
  default_packages: string[];
  /** Offline sites serve Pyodide and their packages themselves. */
  mode: 'online' | 'offline';
  pyodide_version: string;
};

export async function fetchSiteCatalog(): Promise<SiteCatalog> {
  const url = siteFileUrl('jupyter-tutor/catalog.json');
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) {
    throw new Error(
      `This site has no module catalog (${url}: ${response.status}); build it with "python -m jupyter_tutor.lite build".`
    );
  }
  const catalog = (await response.json()) as SiteCatalog;
  if (catalog.format !== 2) {
    throw new Error(
      `The module catalog has format ${catalog.format}; this jupyter-tutor reads format 2. Rebuild the site.`
    );
  }
  return catalog;
}

/** The catalog's module `id`, or the server's 404. */
export async function siteModule(
  catalog: Promise<SiteCatalog>,
  id: string
): Promise<SiteModule> {
  const module = (await catalog).modules.find(one => one.id === id);
  if (!module) {
    throw new TutorApiError(404, 'not_found', `There is no module ${id}.`);
  }
  return module;
}
