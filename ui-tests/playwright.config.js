/**
 * Playwright configuration for the jupyter-tutor UI tests, based on the
 * defaults shipped with @jupyterlab/galata.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const CI = !!process.env.CI;
// The JupyterLab ports; CI picks free ones so a stray server cannot interfere.
const PORT = process.env.TUTOR_UI_PORT || '8888';
// The README's demo (a personal server with its token login), for first-visit tests.
const DEMO_PORT = process.env.TUTOR_UI_DEMO_PORT || '8889';

/** A JupyterLab the tests start, and stop cleanly so it removes its throwaway dirs. */
function jupyterLab(command, url) {
  return {
    command,
    url,
    timeout: 240 * 1000,
    reuseExistingServer: !CI,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10 * 1000 },
    stdout: 'pipe',
    stderr: 'pipe'
  };
}

module.exports = {
  ...baseConfig,
  testDir: './tests',
  // Tuned for a slow 2-core machine: JupyterLab start-up and kernel launch can
  // take tens of seconds, and a single worker avoids tests racing one server.
  timeout: 180 * 1000,
  expect: { timeout: 30 * 1000 },
  workers: 1,
  fullyParallel: false,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  outputDir: 'test-results',
  // Plain text in the log, plus an HTML report kept as an artifact.
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }]
  ],
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${PORT}`,
    // Keep screenshots of every test and a trace of every failure.
    screenshot: 'on',
    trace: 'retain-on-failure',
    // No video: recording needs Playwright's own ffmpeg download.
    video: 'off',
    actionTimeout: 30 * 1000,
    navigationTimeout: 120 * 1000,
    // Use the system Chromium: no browser is ever downloaded.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium' }
    }
  ],
  webServer: [
    jupyterLab('jlpm start', `http://localhost:${PORT}/lab`),
    // Answers without the token: its login page.
    jupyterLab('jlpm start:demo', `http://localhost:${DEMO_PORT}/login`)
  ]
};
