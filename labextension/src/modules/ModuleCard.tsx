import React from 'react';
import { ModuleSummary } from '../backend/types';
import { exerciseSummaryText } from '../exercises/summaryText';
import { StatusBadge } from './StatusBadge';

export interface IModuleCardProps {
  module: ModuleSummary;
  onOpen: (id: string) => void;
  onMarkCompleted: (id: string) => void;
  onShowVersions: (id: string) => void;
  /** Set for instructors: open the module's class dashboard. */
  onOpenDashboard?: (id: string) => void;
}

/**
 * One module in the browser: open it by its title, mark it completed once
 * started, or bring back a saved version of the work.
 */
export function ModuleCard(props: IModuleCardProps): JSX.Element {
  const { module, onOpen, onMarkCompleted, onShowVersions, onOpenDashboard } =
    props;
  const exercises = exerciseSummaryText(module.exercises);
  return (
    <li
      className="jp-TutorModuleCard"
      data-module-id={module.id}
      data-status={module.status}
    >
      <button
        type="button"
        className="jp-TutorModuleCard-open"
        title={`Open ${module.title}`}
        onClick={() => onOpen(module.id)}
      >
        <span className="jp-TutorModuleCard-title">{module.title}</span>
        <span className="jp-TutorModuleCard-description">
          {module.description}
        </span>
      </button>
      <div className="jp-TutorModuleCard-footer">
        <StatusBadge status={module.status} />
        {exercises && (
          <span className="jp-TutorModuleCard-exercises">{exercises}</span>
        )}
        {module.status !== 'not_started' && (
          <button
            type="button"
            className="jp-TutorModuleCard-versions"
            title="Bring back an earlier saved version of your work"
            onClick={() => onShowVersions(module.id)}
          >
            Saved versions
          </button>
        )}
        {onOpenDashboard && (
          <button
            type="button"
            className="jp-TutorModuleCard-dashboard"
            title={`The class's progress in ${module.title}`}
            onClick={() => onOpenDashboard(module.id)}
          >
            Class dashboard
          </button>
        )}
        {module.status === 'in_progress' && (
          <button
            type="button"
            className="jp-TutorModuleCard-complete"
            onClick={() => onMarkCompleted(module.id)}
          >
            Mark completed
          </button>
        )}
      </div>
    </li>
  );
}
