import { Token } from '@lumino/coreutils';
import {
  CatalogQuery,
  CheckedPackageList,
  ModulePackages,
  PackageAnalytics,
  PackageCatalog,
  PackageLoadLog,
  PackageRequest,
  PackageSet
} from '../backend/types';

/**
 * The package catalog, the package sets and each module's package list.
 *
 * Failures reject with a `TutorApiError`.
 */
export interface IPackageService {
  /** Catalog packages matching the query, by name. */
  packageCatalog(query?: CatalogQuery): Promise<PackageCatalog>;

  /** The package list that counts for a module. */
  modulePackages(moduleId: string): Promise<ModulePackages>;

  /**
   * Replace a module's package list (instructors). A list with invalid
   * entries is refused with a 400 whose `problems` name them.
   */
  saveModulePackages(
    moduleId: string,
    packages: PackageRequest[]
  ): Promise<PackageRequest[]>;

  /**
   * Validate a notebook's own `jupyter_tutor.packages` value (`null` when it
   * declares none). Nothing is stored.
   */
  checkPackageList(raw: unknown): Promise<CheckedPackageList>;

  packageSets(): Promise<PackageSet[]>;
}

export const IPackageService = new Token<IPackageService>(
  'jupyter-tutor:IPackageService',
  "Searches the package catalog, lists the package sets and reads or saves a module's package list."
);

/** Reads the packages a notebook's code needs; only a server can. */
export interface IPackageDetector {
  /** Packages the code imports (or declares in PEP 723) that `current` lacks. */
  detectPackages(
    cells: string[],
    current: PackageRequest[]
  ): Promise<PackageRequest[]>;
}

export const IPackageDetector = new Token<IPackageDetector>(
  'jupyter-tutor:IPackageDetector',
  'Finds the packages a notebook imports that its list lacks (provided where a jupyter-tutor server is).'
);

/**
 * The course-wide record of package loads in students' kernels; it needs a
 * server that sees every student.
 */
export interface IPackageLoadAnalytics {
  /** Record load attempts; resolves with how many were recorded. */
  recordPackageLoads(logs: PackageLoadLog[]): Promise<number>;

  /** Most-failed packages and load times (instructors). */
  packageAnalytics(): Promise<PackageAnalytics>;
}

export const IPackageLoadAnalytics = new Token<IPackageLoadAnalytics>(
  'jupyter-tutor:IPackageLoadAnalytics',
  'Records package loads for the course and reads which fail and how long they take (provided where a jupyter-tutor server is).'
);
