/**
 * Playwright configuration for the offline JupyterLite course site, on top of
 * the JupyterLab one (same system Chromium, timeouts, retries and artifacts):
 * plain Playwright (the site is tested as built, without galata's helper
 * extension), and no name resolution for any host but 127.0.0.1, so a request
 * to a CDN or PyPI fails instead of passing unnoticed.
 *
 * Build the site first: python -m jupyter_tutor.lite build --offline
 */
const labConfig = require('./playwright.config');

// The site's port (CI picks a free one) and folder.
const PORT = process.env.TUTOR_LITE_PORT || '8010';
const SITE = process.env.TUTOR_LITE_SITE || '../lite/_output';

module.exports = {
  ...labConfig,
  testDir: './lite',
  // Pyodide boots in the browser: a minute or more on a slow 2-core machine.
  timeout: 300 * 1000,
  outputDir: 'test-results-lite',
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report-lite', open: 'never' }]
  ],
  use: {
    ...labConfig.use,
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      ...labConfig.use.launchOptions,
      args: [
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        ...labConfig.use.launchOptions.args
      ]
    }
  },
  webServer: {
    command: `python -m jupyter_tutor.lite serve --port ${PORT} --output-dir ${SITE}`,
    url: `http://127.0.0.1:${PORT}/jupyter-lite.json`,
    timeout: 60 * 1000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe'
  }
};
