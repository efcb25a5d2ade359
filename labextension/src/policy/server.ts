import { ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { requestAPI } from '../backend/request';
import {
  AiPolicyBlock,
  InstructorPolicy,
  IPolicyService,
  ModulePolicy
} from './service';

/** The AI policy served by a jupyter-tutor server. */
export class ServerPolicyService implements IPolicyService {
  constructor(private readonly _settings: ServerConnection.ISettings) {}

  get changed(): Signal<this, string> {
    return this._changed;
  }

  modulePolicy(moduleId: string): Promise<ModulePolicy> {
    return requestAPI<ModulePolicy>(this._settings, 'GET', [
      'modules',
      moduleId,
      'policy'
    ]);
  }

  instructorPolicy(moduleId: string): Promise<InstructorPolicy> {
    return requestAPI<InstructorPolicy>(
      this._settings,
      'GET',
      instructorRoute(moduleId)
    );
  }

  async setPolicy(
    moduleId: string,
    policy: AiPolicyBlock | null
  ): Promise<InstructorPolicy> {
    const reply = await requestAPI<InstructorPolicy>(
      this._settings,
      'PUT',
      instructorRoute(moduleId),
      { policy }
    );
    this._changed.emit(moduleId);
    return reply;
  }

  private readonly _changed = new Signal<this, string>(this);
}

function instructorRoute(moduleId: string): string[] {
  return ['instructor', 'modules', moduleId, 'policy'];
}
