import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import {
  AiPolicyBlock,
  InstructorPolicy,
  ModulePolicy
} from '../contract/schema';

export type {
  AiPolicyBlock,
  AiPolicyNow,
  AiPolicyWindow,
  InstructorPolicy,
  ModulePolicy
} from '../contract/schema';

/**
 * Whether and how far the tutor helps with a module now, and the
 * instructor's override of it. Only provided where a jupyter-tutor server
 * keeps the course (a JupyterLite site that keeps everything in the browser
 * has no instructor to set one).
 *
 * Failures reject with a `TutorApiError`.
 */
export interface IPolicyService {
  /** Emitted with the module id after an instructor changed its policy here. */
  readonly changed: ISignal<IPolicyService, string>;

  /** The policy in force now for a module and its exercises. */
  modulePolicy(moduleId: string): Promise<ModulePolicy>;

  /** The notebook's policy, the stored override and what is in force. */
  instructorPolicy(moduleId: string): Promise<InstructorPolicy>;

  /** Store the module's override, or remove it with null. */
  setPolicy(
    moduleId: string,
    policy: AiPolicyBlock | null
  ): Promise<InstructorPolicy>;
}

export const IPolicyService = new Token<IPolicyService>(
  'jupyter-tutor:IPolicyService',
  "The AI policy in force for a module (off, hints, full) and the instructor's override of it."
);
