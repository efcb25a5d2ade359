import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ClientConfig } from '../backend/types';
import { AUTOSAVE_INTERVAL_SECONDS } from '../contract/constants';

/**
 * Seconds between auto-saves: the student's own setting if they chose one,
 * else the course's suggestion, else the default.
 */
export function autosaveIntervalSeconds(
  settings: ISettingRegistry.ISettings | null,
  config: ClientConfig | null
): number {
  const chosen = settings?.user.autosaveInterval;
  if (typeof chosen === 'number') {
    return chosen;
  }
  const suggested = config?.autosave_interval_seconds;
  if (typeof suggested === 'number' && suggested > 0) {
    return suggested;
  }
  const fallback = settings?.composite.autosaveInterval;
  return typeof fallback === 'number' ? fallback : AUTOSAVE_INTERVAL_SECONDS;
}
