/** Where one package of a module's list stands in the kernel. */
export type PackageLoadStatus = 'loading' | 'loaded' | 'failed';

export type PackageLoadItem = {
  name: string;
  required: boolean;
  status: PackageLoadStatus;
  /** The version the kernel has, once known. */
  version: string | null;
  /** Why it failed, or null. */
  error: string | null;
};

/** The module's packages in load order, as the kernel has them so far. */
export type PackageLoadState = {
  items: PackageLoadItem[];
  /** Every package was checked. */
  finished: boolean;
};

/** How far loading got, as "2/3" and a fraction for a progress bar. */
export function loadProgress(state: PackageLoadState): {
  done: number;
  total: number;
  failed: number;
} {
  const done = state.items.filter(item => item.status !== 'loading').length;
  const failed = state.items.filter(item => item.status === 'failed').length;
  return { done, total: state.items.length, failed };
}

/** One line per package, for tooltips and screen readers. */
export function describeLoadState(state: PackageLoadState): string {
  return state.items
    .map(item =>
      item.error
        ? `${item.name}: ${item.status} (${item.error})`
        : `${item.name}: ${item.status}`
    )
    .join('\n');
}
