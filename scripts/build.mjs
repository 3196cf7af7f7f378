// npm run build: the widget chunks, then the loader (which needs their hashed entry name), then
// the server. Each step composes vite.config.ts, which Vite loads by itself.
import { readFile, rm } from 'node:fs/promises'
import { build } from 'vite'

const PUBLIC = 'dist/public'
const WIDGET_ENTRY = 'widget/main.tsx'

await rm('dist', { recursive: true, force: true })

await build({
  // Library mode, because only there Vite leaves import() alone: in app mode it wraps each one in
  // a preload helper that resolves URLs with import.meta.url and scans the page's <link>s.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: PUBLIC,
    manifest: true,
    target: 'es2022',
    minify: true,
    lib: { entry: WIDGET_ENTRY, formats: ['es'] },
    rolldownOptions: {
      // Keep `mount` (the loader calls it), and let the write path import what it shares with
      // reading from the entry chunk instead of a third chunk the entry would have to wait for.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // Library mode keeps whitespace and /* @__PURE__ */ notes for a later bundler; this
        // output goes to browsers as it is.
        minify: true,
        comments: false,
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            {
              name: 'write',
              test: /widget[\\/](components[\\/](comment-form|comment-editor|markdown-field|identity-fields|form-actions|use-submit)|stores[\\/]draft|lib[\\/]check-draft)|server[\\/]contract|node_modules[\\/]ky[\\/]/,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
})

const manifest = JSON.parse(await readFile(`${PUBLIC}/.vite/manifest.json`, 'utf8'))
const entry = manifest[WIDGET_ENTRY]?.file
if (!entry) throw new Error(`${WIDGET_ENTRY} is missing from the manifest`)

await build({
  define: { __CAUSERIE_ENTRY__: JSON.stringify(entry) },
  build: {
    outDir: PUBLIC,
    target: 'es2020',
    minify: true,
    // A classic script: blogs paste it without type="module".
    lib: {
      entry: 'widget/embed.ts',
      formats: ['iife'],
      name: 'causerie',
      fileName: () => 'embed.js',
    },
  },
})

await build({
  build: { ssr: 'server/main.ts', outDir: 'dist/server', target: 'node20' },
})
