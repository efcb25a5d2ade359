import React from 'react';
import { ModuleStatus } from '../backend/types';
import { STATUS_LABELS } from './statusLabels';

/** The student's status on a module; its colour comes from `data-status`. */
export function StatusBadge(props: { status: ModuleStatus }): JSX.Element {
  return (
    <span className="jp-TutorModuleCard-badge" data-status={props.status}>
      {STATUS_LABELS[props.status]}
    </span>
  );
}
