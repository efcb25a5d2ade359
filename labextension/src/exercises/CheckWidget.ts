import { Widget } from '@lumino/widgets';
import { CheckOutcome } from './checkOutcome';

const OUTCOME_LABELS: Record<CheckOutcome['state'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  not_run: 'Not run'
};

/**
 * The Check button under an exercise cell's code, and the outcome of the
 * latest run: one line per check, passed or failed with its message.
 */
export class CheckWidget extends Widget {
  constructor(
    readonly exerciseId: string,
    private readonly _onCheck: () => void
  ) {
    super();
    this.addClass('jp-TutorCheck');
    this.node.dataset.exerciseId = exerciseId;
    this._button.type = 'button';
    this._button.className = 'jp-TutorCheck-button jp-Button jp-mod-styled';
    this._button.textContent = 'Check';
    this._button.title = 'Run the exercise checks against your current work';
    this._button.addEventListener('click', () => this._onCheck());
    this._status.className = 'jp-TutorCheck-status';
    this._status.setAttribute('role', 'status');
    this._results.className = 'jp-TutorCheck-results';
    const bar = document.createElement('div');
    bar.className = 'jp-TutorCheck-bar';
    bar.append(this._button, this._status);
    this.node.append(bar, this._results);
  }

  /** A run is under way: no second one until it ends. */
  get busy(): boolean {
    return this._button.disabled;
  }

  set busy(value: boolean) {
    this._button.disabled = value;
    this.node.dataset.busy = String(value);
  }

  /** A line about the run itself ("Checking…", no kernel, not saved). */
  showStatus(text: string, state: 'info' | 'passed' | 'failed' = 'info'): void {
    this._status.textContent = text;
    this._status.dataset.state = state;
  }

  /** Each check's outcome, and a summary line. */
  showOutcomes(outcomes: CheckOutcome[]): void {
    this._results.replaceChildren(...outcomes.map(outcomeItem));
    const passed = outcomes.every(outcome => outcome.state === 'passed');
    this.node.dataset.state = passed ? 'passed' : 'failed';
    this.showStatus(
      passed ? 'All checks passed.' : 'Not yet: see the failing check below.',
      passed ? 'passed' : 'failed'
    );
  }

  /** Forget an earlier run's outcome (when this run could not happen). */
  clearOutcomes(): void {
    this._results.replaceChildren();
    delete this.node.dataset.state;
  }

  private readonly _button = document.createElement('button');
  private readonly _status = document.createElement('span');
  private readonly _results = document.createElement('ul');
}

function outcomeItem(outcome: CheckOutcome, index: number): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'jp-TutorCheck-result';
  item.dataset.state = outcome.state;
  const label = document.createElement('span');
  label.className = 'jp-TutorCheck-label';
  label.textContent = `${OUTCOME_LABELS[outcome.state]} · check ${index + 1}`;
  item.append(label);
  // A passed check needs no explanation; its message says what was wrong.
  if (outcome.state === 'failed') {
    const message = document.createElement('span');
    message.className = 'jp-TutorCheck-message';
    message.textContent = outcome.message;
    const error = document.createElement('code');
    error.className = 'jp-TutorCheck-error';
    error.textContent = outcome.error;
    item.append(message, error);
  }
  return item;
}
