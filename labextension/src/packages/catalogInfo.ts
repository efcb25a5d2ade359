import { CatalogPackage, PackageCategory } from '../backend/types';

/** "about 2 s to load · 1.2 MB", from what the catalog knows. */
export function describeCost(entry: CatalogPackage): string {
  const parts: string[] = [];
  if (entry.load_time_estimate !== null) {
    parts.push(`about ${entry.load_time_estimate} s to load`);
  }
  if (entry.size_bytes !== null) {
    parts.push(size(entry.size_bytes));
  }
  return parts.join(' · ');
}

function size(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return mebibytes >= 1
    ? `${+mebibytes.toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

/** The catalog's categories, as the filter offers them. */
export const CATEGORIES: { value: PackageCategory; label: string }[] = [
  { value: 'data-science', label: 'Data science' },
  { value: 'visualization', label: 'Visualization' },
  { value: 'ml', label: 'Machine learning' },
  { value: 'scientific', label: 'Scientific' },
  { value: 'web', label: 'Web' },
  { value: 'utilities', label: 'Utilities' },
  { value: 'other', label: 'Other' }
];
