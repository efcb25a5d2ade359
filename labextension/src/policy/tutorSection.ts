import { TutorPanel } from '../tutor/TutorPanel';
import { PolicyBanner } from './PolicyBanner';
import { IPolicyService } from './service';

/** Put the AI policy banner under the tutor panel's header, following its module. */
export function addPolicyBanner(
  panel: TutorPanel,
  policy: IPolicyService
): void {
  const banner = new PolicyBanner(policy);
  banner.setModule(panel.module?.id ?? null);
  panel.moduleChanged.connect((_, module) =>
    banner.setModule(module?.id ?? null)
  );
  // Below the header (the panel's first widget), above the conversation.
  panel.insertWidget(1, banner);
}
