import { Widget } from '@lumino/widgets';
import { localTime, policyBannerText } from './bannerText';
import { IPolicyService } from './service';

// setTimeout's longest delay; a later change is looked at again then.
const MAX_DELAY_MS = 2 ** 31 - 1;
// Wait a moment past a change, so the server's clock has passed it too.
const AFTER_CHANGE_MS = 1000;

/**
 * One line in the tutor panel saying the AI policy in force for the panel's
 * module ("Tutor off until 11:00 (exam) — set by your instructor"); hidden
 * when the tutor helps as usual. Read again when the module changes, when
 * the policy next changes, and after an instructor set it on this page.
 */
export class PolicyBanner extends Widget {
  constructor(private readonly _policy: IPolicyService) {
    super();
    this.addClass('jp-TutorPolicyBanner');
    this.node.setAttribute('role', 'status');
    this.hide();
    _policy.changed.connect((_, moduleId) => {
      if (moduleId === this._moduleId) {
        void this._refresh();
      }
    }, this);
  }

  /** Follow a module's policy (null: no module, nothing shown). */
  setModule(moduleId: string | null): void {
    this._moduleId = moduleId;
    void this._refresh();
  }

  dispose(): void {
    window.clearTimeout(this._timer);
    super.dispose();
  }

  private async _refresh(): Promise<void> {
    window.clearTimeout(this._timer);
    const moduleId = this._moduleId;
    const request = ++this._latest;
    if (moduleId === null) {
      this._show(null);
      return;
    }
    try {
      const policy = (await this._policy.modulePolicy(moduleId)).module;
      if (request !== this._latest || this.isDisposed) {
        return;
      }
      this._show(policyBannerText(policy, iso => localTime(iso)));
      if (policy.next_change !== null) {
        const delay = Date.parse(policy.next_change) - Date.now();
        this._timer = window.setTimeout(
          () => void this._refresh(),
          Math.min(Math.max(delay, 0) + AFTER_CHANGE_MS, MAX_DELAY_MS)
        );
      }
    } catch {
      // Without the policy the tutor's own answer says if it is off.
      if (request === this._latest && !this.isDisposed) {
        this._show(null);
      }
    }
  }

  private _show(text: string | null): void {
    this.node.textContent = text ?? '';
    this.setHidden(text === null);
  }

  private _moduleId: string | null = null;
  private _latest = 0;
  private _timer: number | undefined;
}
