import { Notification } from '@jupyterlab/apputils';
import { ISignal, Signal } from '@lumino/signaling';
import { HelpRequest, IHelpService } from './token';

/** How often the student's waiting requests are looked at: gently. */
export const ANSWER_POLL_MS = 45_000;

/** A module's requests, as last read. */
export type ModuleRequests = { moduleId: string; requests: HelpRequest[] };

/**
 * Watches the student's requests that wait for an answer, only while there
 * are some and the page is visible, and tells them with a notification when
 * an answer arrives.
 */
export class AnswerWatcher {
  constructor(
    private readonly _help: IHelpService,
    private readonly _show: () => void
  ) {}

  /** Emitted with a module's requests each time they are read. */
  get updated(): ISignal<this, ModuleRequests> {
    return this._updated;
  }

  /** Read a module's requests now, and keep watching its waiting ones. */
  async refresh(moduleId: string): Promise<HelpRequest[]> {
    const requests = await this._help.mine(moduleId);
    this._take(moduleId, requests);
    return requests;
  }

  dispose(): void {
    this._stop();
  }

  private _take(moduleId: string, requests: HelpRequest[]): void {
    const before = this._waiting.get(moduleId);
    const waiting = new Set(
      requests.filter(r => r.status === 'open').map(r => r.id)
    );
    if (before) {
      const answered = requests.filter(
        r => before.has(r.id) && r.status !== 'open' && r.answer !== null
      );
      if (answered.length) {
        this._notify(answered.length);
      }
    }
    if (waiting.size) {
      this._waiting.set(moduleId, waiting);
    } else {
      this._waiting.delete(moduleId);
    }
    this._updated.emit({ moduleId, requests });
    if (this._waiting.size) {
      this._start();
    } else {
      this._stop();
    }
  }

  private _notify(count: number): void {
    const what = count === 1 ? 'a question' : `${count} questions`;
    Notification.info(`Your instructor answered ${what} of yours.`, {
      autoClose: false,
      actions: [{ label: 'Show', callback: () => this._show() }]
    });
  }

  private _start(): void {
    if (this._timer === null) {
      this._timer = window.setInterval(() => void this._poll(), ANSWER_POLL_MS);
    }
  }

  private _stop(): void {
    if (this._timer !== null) {
      window.clearInterval(this._timer);
      this._timer = null;
    }
  }

  private async _poll(): Promise<void> {
    if (document.visibilityState === 'hidden') {
      return;
    }
    for (const moduleId of [...this._waiting.keys()]) {
      try {
        await this.refresh(moduleId);
      } catch {
        // Not reachable just now: the next round tries again.
      }
    }
  }

  private readonly _waiting = new Map<string, Set<number>>();
  private readonly _updated = new Signal<this, ModuleRequests>(this);
  private _timer: number | null = null;
}
