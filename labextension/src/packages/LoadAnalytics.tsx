import React, { useState } from 'react';
import { errorMessage } from '../backend/errors';
import { PackageAnalytics } from '../backend/types';
import { IPackageLoadAnalytics } from './service';

/**
 * For instructors: which packages fail most in students' kernels and how
 * long the others take to load, read when the section is opened (and
 * again with Refresh), so the panel costs no request for learners.
 */
export function LoadAnalytics(props: {
  analytics: IPackageLoadAnalytics;
}): JSX.Element {
  const [analytics, setAnalytics] = useState<PackageAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async (): Promise<void> => {
    try {
      setAnalytics(await props.analytics.packageAnalytics());
      setError(null);
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };
  return (
    <details
      className="jp-TutorPackages-analytics"
      onToggle={event => {
        if ((event.target as HTMLDetailsElement).open && analytics === null) {
          void refresh();
        }
      }}
    >
      <summary>Load analytics (all students)</summary>
      {error !== null && (
        <p className="jp-TutorPackages-error" role="alert">
          Could not read the analytics: {error}
        </p>
      )}
      {analytics !== null && (
        <>
          <AnalyticsTable
            caption="Most failed"
            empty="No package has failed to load."
            headers={['Package', 'Failed', 'Rate']}
            rows={analytics.most_failed.map(row => [
              row.package,
              `${row.failures} of ${row.attempts}`,
              `${Math.round(row.failure_rate * 100)} %`
            ])}
          />
          <AnalyticsTable
            caption="Average load time"
            empty="No package has loaded yet."
            headers={['Package', 'Average', 'Loads']}
            rows={analytics.load_times.map(row => [
              row.package,
              `${Math.round(row.average_ms)} ms`,
              String(row.loads)
            ])}
          />
          <button
            type="button"
            className="jp-TutorPackages-refresh jp-Button jp-mod-styled"
            onClick={() => void refresh()}
          >
            Refresh
          </button>
        </>
      )}
    </details>
  );
}

function AnalyticsTable(props: {
  caption: string;
  empty: string;
  headers: string[];
  rows: string[][];
}): JSX.Element {
  if (props.rows.length === 0) {
    return <p className="jp-TutorPackages-message">{props.empty}</p>;
  }
  return (
    <table className="jp-TutorPackages-analyticsTable">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map(header => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map(row => (
          <tr key={row[0]} data-package={row[0]}>
            {row.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
