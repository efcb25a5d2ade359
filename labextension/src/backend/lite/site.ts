import { PageConfig, URLExt } from '@jupyterlab/coreutils';

/**
 * Whether this page is a JupyterLite site. Its HTML marks the config data
 * with `data-jupyter-lite-root`; `appName` is whatever the site chose.
 */
export function isJupyterLite(): boolean {
  return liteRootAttribute() !== null;
}

/** The URL of a file of the site, e.g. `jupyter-tutor/catalog.json`. */
export function siteFileUrl(path: string): string {
  const root = new URL(liteRootAttribute() ?? '.', window.location.href);
  return new URL(path, root.href.endsWith('/') ? root : `${root}/`).href;
}

/**
 * The jupyter-tutor server a Lite site sends modules, progress and the tutor
 * to (`jupyterTutorServerUrl` in `jupyter-lite.json`), or null to keep
 * everything in the browser.
 */
export function remoteServerUrl(): string | null {
  const url = PageConfig.getOption('jupyterTutorServerUrl').trim();
  return url === ''
    ? null
    : URLExt.normalize(url.endsWith('/') ? url : `${url}/`);
}

function liteRootAttribute(): string | null {
  return (
    document
      .getElementById('jupyter-config-data')
      ?.getAttribute('data-jupyter-lite-root') ?? null
  );
}
