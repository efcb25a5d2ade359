/**
 * Playwright configuration for the UI test through a real JupyterHub (the
 * jupyter-tutor hub service, a student's server in client mode), on top of the
 * JupyterLab one (same system Chromium, timeouts, artifacts); plain Playwright,
 * since the student's JupyterLab is reached through the hub's login.
 */
const labConfig = require('./playwright.config');

const PORT = process.env.TUTOR_UI_HUB_PORT || '8890';

module.exports = {
  ...labConfig,
  testDir: './hub',
  timeout: 300 * 1000,
  outputDir: 'test-results-hub',
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report-hub', open: 'never' }]
  ],
  use: { ...labConfig.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command: 'python hub/hub_server.py',
    // 200 once the hub is routed by its proxy.
    url: `http://127.0.0.1:${PORT}/hub/api/`,
    timeout: 180 * 1000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30 * 1000 },
    stdout: 'pipe',
    stderr: 'pipe'
  }
};
