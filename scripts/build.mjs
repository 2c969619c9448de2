// Bundles the Node entry points with esbuild (dependencies stay in node_modules: better-sqlite3 is native), and the
// renderer into dist/renderer as one script and one stylesheet that the server, Electron and the tests all load.
import fs from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/main/cli/bin.ts', bench: 'scripts/bench.ts', jobWorker: 'src/main/jobs/jobWorker.ts', ruleWorker: 'src/main/rules/ruleWorker.ts',
    planWorker: 'src/main/import/planWorker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

await build({
  entryPoints: { app: 'src/renderer/main.tsx' },
  outdir: 'dist/renderer',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome120',
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
fs.copyFileSync('src/renderer/index.html', 'dist/renderer/index.html');

// The Electron shell: main as CommonJS (Electron's require), the sandboxed preload as CommonJS too; electron stays external.
const electron = { outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
await build({ ...electron, entryPoints: { main: 'src/main/electron/main.ts' }, packages: 'external' });
// A sandboxed preload can require nothing but electron: everything else is bundled in.
await build({ ...electron, entryPoints: { preload: 'src/preload/preload.ts' }, external: ['electron'] });
