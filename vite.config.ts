import { defineConfig } from 'vite'

// Shared by every build; scripts/build.mjs adds what differs between the widget chunks, the
// classic-script loader and the server.
export default defineConfig({
  // Mirrors tsconfig.json: Vite's oxc transform does not read `jsxImportSource` from it everywhere.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  publicDir: false,
  build: {
    emptyOutDir: false,
    reportCompressedSize: false,
  },
})
