import React, { useEffect, useState } from 'react';
import { errorMessage } from '../backend/errors';
import {
  CatalogPackage,
  PackageCategory,
  PackageRequest
} from '../backend/types';
import { CATEGORIES, describeCost } from './catalogInfo';
import { hasPackage } from './packageList';
import { IPackageService } from './service';

/** Wait for a pause in typing before searching. */
const SEARCH_DELAY_MS = 250;

/** A search can match hundreds of packages; show the first ones. */
const MAX_RESULTS = 30;

export interface ICatalogSearchProps {
  service: IPackageService;
  /** The list being edited, to mark what it already has. */
  packages: PackageRequest[];
  onAdd: (entry: CatalogPackage) => void;
}

/** Search the package catalog and add packages to a module's list. */
export function CatalogSearch(props: ICatalogSearchProps): JSX.Element {
  const { service, packages, onAdd } = props;
  const [text, setText] = useState('');
  const [category, setCategory] = useState<PackageCategory | ''>('');
  const [compatibleOnly, setCompatibleOnly] = useState(false);
  const [results, setResults] = useState<CatalogPackage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (q === '' && category === '') {
      setResults(null);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      service
        .packageCatalog({
          q,
          category: category || undefined,
          compatible_only: compatibleOnly
        })
        .then(catalog => {
          if (current) {
            setResults(catalog.packages);
            setError(null);
          }
        })
        .catch(reason => {
          if (current) {
            setError(errorMessage(reason));
          }
        });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [service, text, category, compatibleOnly]);

  return (
    <section className="jp-TutorPackages-catalog" aria-label="Package catalog">
      <div className="jp-TutorPackages-filters">
        <input
          type="search"
          className="jp-TutorPackages-search jp-mod-styled"
          placeholder="Search packages"
          aria-label="Search packages"
          value={text}
          onChange={event => setText(event.target.value)}
        />
        <select
          className="jp-TutorPackages-category jp-mod-styled"
          aria-label="Category"
          value={category}
          onChange={event =>
            setCategory(event.target.value as PackageCategory | '')
          }
        >
          <option value="">All categories</option>
          {CATEGORIES.map(option => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <label className="jp-TutorPackages-compatible">
          <input
            type="checkbox"
            checked={compatibleOnly}
            onChange={event => setCompatibleOnly(event.target.checked)}
          />
          Runs in the browser
        </label>
      </div>
      {error !== null && (
        <p className="jp-TutorPackages-error" role="alert">
          Could not search: {error}
        </p>
      )}
      {results !== null && results.length === 0 && (
        <p className="jp-TutorPackages-message">No package matches.</p>
      )}
      {results !== null && results.length > 0 && (
        <ul className="jp-TutorPackages-results">
          {results.slice(0, MAX_RESULTS).map(entry => (
            <CatalogResult
              key={entry.name}
              entry={entry}
              added={hasPackage(packages, entry.name)}
              onAdd={onAdd}
            />
          ))}
        </ul>
      )}
      {results !== null && results.length > MAX_RESULTS && (
        <p className="jp-TutorPackages-message">
          {results.length - MAX_RESULTS} more match: refine the search.
        </p>
      )}
    </section>
  );
}

function CatalogResult(props: {
  entry: CatalogPackage;
  added: boolean;
  onAdd: (entry: CatalogPackage) => void;
}): JSX.Element {
  const { entry, added, onAdd } = props;
  const cost = describeCost(entry);
  return (
    <li className="jp-TutorPackages-result" data-package={entry.name}>
      <div className="jp-TutorPackages-resultHeader">
        <span className="jp-TutorPackages-name">{entry.display_name}</span>
        {entry.version && (
          <span className="jp-TutorPackages-version">{entry.version}</span>
        )}
        <button
          type="button"
          className="jp-TutorPackages-add jp-Button jp-mod-styled jp-mod-accept"
          disabled={added}
          onClick={() => onAdd(entry)}
        >
          {added ? 'Added' : 'Add'}
        </button>
      </div>
      {entry.description && (
        <p className="jp-TutorPackages-description">{entry.description}</p>
      )}
      <p className="jp-TutorPackages-details">
        {[entry.category, cost].filter(Boolean).join(' · ')}
        {entry.docs_url && (
          <>
            {' · '}
            <a href={entry.docs_url} target="_blank" rel="noopener noreferrer">
              Documentation
            </a>
          </>
        )}
      </p>
    </li>
  );
}
