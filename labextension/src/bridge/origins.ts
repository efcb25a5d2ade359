import { ISettingRegistry } from '@jupyterlab/settingregistry';

/**
 * The origins whose messages the bridge answers, from the `allowedOrigins`
 * setting. Entries are compared as origins (`https://lms.example.org`), so a
 * trailing slash or a path in the setting does not matter; anything that is
 * not an http(s) URL is skipped. Empty, the default, turns the bridge off.
 */
export function allowedOrigins(
  settings: ISettingRegistry.ISettings | null
): ReadonlySet<string> {
  const value = settings?.get('allowedOrigins').composite;
  const origins = new Set<string>();
  for (const entry of Array.isArray(value) ? value : []) {
    const origin = typeof entry === 'string' ? originOf(entry) : null;
    if (origin !== null) {
      origins.add(origin);
    }
  }
  return origins;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
}
