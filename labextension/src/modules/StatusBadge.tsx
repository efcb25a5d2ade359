import React from 'react';
import { ModuleStatus } from '../backend/types';

const LABELS: Record<ModuleStatus, string> = {
  not_started: 'Not Started',
  in_progress: 'In Progress',
  completed: 'Completed'
};

/** The student's status on a module; its colour comes from `data-status`. */
export function StatusBadge(props: { status: ModuleStatus }): JSX.Element {
  return (
    <span className="jp-TutorModuleCard-badge" data-status={props.status}>
      {LABELS[props.status]}
    </span>
  );
}
