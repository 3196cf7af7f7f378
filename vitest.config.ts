import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

// Two projects: `unit` tests sit beside the code they test; `e2e` tests in test/ drive the built
// server (dist/server/main.js) over real HTTP and Chromium. Each e2e file starts its own servers
// on ephemeral ports with its own SQLite file, so files may run in parallel without sharing state.
export default mergeConfig(
  // The widget's JSX settings (Preact) live in vite.config.ts; its unit tests need them too.
  viteConfig,
  defineConfig({
    test: {
      // Two cores on CI: one e2e file (a server plus Chromium) per core is the most they can carry.
      maxWorkers: 2,
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['server/**/*.test.ts', 'widget/**/*.test.{ts,tsx}'],
            // Worker threads start faster than forked processes: the 70-odd small files spend more
            // time being set up than running (a third less CPU for the project, measured).
            pool: 'threads',
            // Files that need a DOM opt in with a `// @vitest-environment happy-dom` docblock.
            environment: 'node',
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/**/*.test.ts'],
            // Half a minute of both cores: vitest.load.config.ts runs it (`npm run test:load`).
            exclude: [...configDefaults.exclude, 'test/load.test.ts'],
            environment: 'node',
            globalSetup: ['test/support/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 60_000,
            maxWorkers: 2,
          },
        },
      ],
    },
  }),
)
