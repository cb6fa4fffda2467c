import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so the extension build plugins stay out of test runs.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          // Real Chromium through playwright-core: layout, contrast, visibility, the CLI.
          name: 'browser',
          include: ['test/engine/**/*.test.ts', 'test/cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The built extension (dist/) loaded into Chromium; pages served over HTTPS on
          // 127.0.0.1 under the services' real hostnames.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Hostile pages (100k nodes, deep nesting, shadow roots, prototype overrides, CSP,
          // iframes…) against the built extension, and the audit CLI on some of them.
          name: 'hostile',
          include: ['test/hostile/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // dist-firefox/ (built by the tests) in the system Firefox ESR over WebDriver BiDi,
          // and web-ext lint on it.
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
