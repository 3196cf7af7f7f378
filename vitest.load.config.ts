import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

// `npm run test:load`: test/load.test.ts alone. It keeps both cores busy for half a minute, so
// `npm test` leaves it out (vitest.config.ts) and .ci/run runs it after every other test.
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      name: 'load',
      include: ['test/load.test.ts'],
      environment: 'node',
      globalSetup: ['test/support/global-setup.ts'],
      testTimeout: 120_000,
      hookTimeout: 60_000,
    },
  }),
)
