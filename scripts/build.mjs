// npm run build: the widget chunks, then the loader (which needs the hashed names of the entry and
// of each catalog), then the admin panel, then the server. Each step composes vite.config.ts, which Vite loads by itself.
import { realpathSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Features } from 'lightningcss'
import { build } from 'vite'

const PUBLIC = 'dist/public'
const WIDGET_ENTRY = 'widget/main.tsx'
// One chunk per language, each exporting its catalog under the language's name: the loader
// downloads the reader's alongside the entry, so no reader downloads the others.
const CATALOGS = { en: 'widget/i18n/en.ts', fr: 'widget/i18n/fr.ts' }
// DOMPurify from the TypeScript source its package ships, compiled for our target like our own
// code: its dist files went through Babel for older browsers and carry helpers (destructuring,
// async generators) that ours have built in. The same code, 0.6 KB smaller gzipped. Its own
// build replaces VERSION with the package's version; so does this one.
const DOMPURIFY = 'node_modules/dompurify'
const { version: dompurifyVersion } = JSON.parse(
  await readFile(`${DOMPURIFY}/package.json`, 'utf8'),
)
// DOMPurify's attrs.ts holds only its default attribute allow-lists, read when a config names no
// ALLOWED_ATTR (or asks for USE_PROFILES). widget/lib/sanitize.ts always names its two attributes,
// so those lists never allow anything: leaving them out changes no output and saves 1.4 KB gzip.
// Should a config ever rely on the defaults, it fails closed: no attribute at all is allowed.
// Vite loads modules by their real path: compare with that, or a symlinked node_modules (a git
// worktree's, pnpm's) would keep the lists without a word.
const DOMPURIFY_ATTRS = realpathSync(`${DOMPURIFY}/src/attrs.ts`)
const dompurifyWithoutDefaultAttributes = {
  name: 'dompurify-without-default-attributes',
  load(id) {
    if (id === DOMPURIFY_ATTRS) {
      return 'export const html = [], svg = [], mathMl = [], xml = []'
    }
  },
}
const dompurify = {
  define: { VERSION: JSON.stringify(dompurifyVersion) },
  resolve: { alias: { dompurify: resolve(`${DOMPURIFY}/src/purify.ts`) } },
  plugins: [dompurifyWithoutDefaultAttributes],
}

await rm('dist', { recursive: true, force: true })

await build({
  // Library mode, because only there Vite leaves import() alone: in app mode it wraps each one in
  // a preload helper that resolves URLs with import.meta.url and scans the page's <link>s.
  define: { 'process.env.NODE_ENV': JSON.stringify('production'), ...dompurify.define },
  // Our CSS has no light-dark(): leave out the variables Lightning CSS adds to every color-scheme
  // rule to emulate it in older browsers.
  css: { lightningcss: { exclude: Features.LightDark } },
  resolve: dompurify.resolve,
  plugins: dompurify.plugins,
  build: {
    outDir: PUBLIC,
    manifest: true,
    target: 'es2022',
    minify: true,
    lib: { entry: { main: WIDGET_ENTRY, ...CATALOGS }, formats: ['es'] },
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
              // widget/write/ is the write chunk: the forms and what only writing needs. With it
              // come ky, which api.ts imports when the first write (or vote) needs it, and the
              // values of server/contract.ts (limits, the honeypot's name): reading takes only
              // types from there. Should reading ever import one, the entry would import this
              // chunk and chunkOf() below stops the build.
              name: 'write',
              test: /widget[\\/]write[\\/]|node_modules[\\/]ky[\\/]|server[\\/]contract\.ts$/,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
})

const manifest = JSON.parse(await readFile(`${PUBLIC}/.vite/manifest.json`, 'utf8'))
// The loader fetches the entry and the reader's catalog side by side; a chunk either of them
// imported statically would only be requested once they arrive, a round trip before the thread.
const chunkOf = (source) => {
  const chunk = manifest[source]
  if (!chunk?.isEntry || chunk.imports?.length) {
    throw new Error(`${source} should be an entry chunk without static imports`)
  }
  return chunk.file
}
const catalogs = Object.fromEntries(
  Object.entries(CATALOGS).map(([lang, source]) => [lang, chunkOf(source)]),
)

await build({
  define: {
    __CAUSERIE_ENTRY__: JSON.stringify(chunkOf(WIDGET_ENTRY)),
    __CAUSERIE_CATALOGS__: JSON.stringify(catalogs),
  },
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

// The admin panel: a page of its own, built in app mode from its index.html, with its script
// and stylesheet as files (never inline), so that the page's CSP needs no 'unsafe-inline'
// (server/routes/admin-page.ts). It shares sanitize() and DOMPurify with the widget, not its
// chunks: it has its own manifest-less output, which npm run size leaves alone.
await build({
  // The root moves to the panel's folder, where Vite would look for its config file.
  configFile: resolve('vite.config.ts'),
  root: 'widget/admin',
  base: '/admin/',
  define: { 'process.env.NODE_ENV': JSON.stringify('production'), ...dompurify.define },
  css: { lightningcss: { exclude: Features.LightDark } },
  resolve: dompurify.resolve,
  plugins: dompurify.plugins,
  build: {
    outDir: resolve(`${PUBLIC}/admin`),
    target: 'es2022',
    // The polyfill would be the page's only inline script; every browser the panel targets
    // supports modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
})

await build({
  build: { ssr: 'server/main.ts', outDir: 'dist/server', target: 'node20' },
})
