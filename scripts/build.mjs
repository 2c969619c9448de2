// Bundles the Node entry points with esbuild; dependencies stay in node_modules (better-sqlite3 is native).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/main/cli/bin.ts', bench: 'scripts/bench.ts' },
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
