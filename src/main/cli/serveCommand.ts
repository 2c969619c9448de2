import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers, defaultExportDir, Session } from '../api/handlers';
import { badInput } from '../errors';
import { startServer } from '../server/server';
import { CLI_MESSAGES } from './messages';

/** The built renderer sits beside the bundled CLI (dist/renderer). */
export function rendererDir(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderer');
}

/** Ask the desktop to open the address; where there is no desktop the printed address is enough. */
function openBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    spawn(command, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // No desktop: the address is printed.
  }
}

/**
 * `duizhang serve`: the desk in a browser, served on 127.0.0.1 with a per-run token, on the given workspace or the
 * bundled sample township. Runs until interrupted.
 */
export async function cmdServe(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: { port: { type: 'string' }, sample: { type: 'boolean' }, 'no-open': { type: 'boolean' }, exports: { type: 'string' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badInput(CLI_MESSAGES.badPort(values.port));
  if (!fs.existsSync(path.join(rendererDir(), 'index.html'))) throw badInput(CLI_MESSAGES.rendererNotBuilt);
  // The worker entry is built beside the bundled CLI (dist/jobWorker.mjs).
  const session = new Session(values.exports ?? defaultExportDir(), new URL('./jobWorker.mjs', import.meta.url));
  const handlers = createHandlers(session);
  const [workspace] = positionals;
  if (workspace) session.open(workspace, true);
  else if (values.sample) {
    out.write(CLI_MESSAGES.preparingSample);
    await handlers['workspace:openSample']({});
  }
  const server = await startServer({ handlers, rendererDir: rendererDir(), exportDir: session.exportDir, port, workspace: () => session.file });
  out.write(CLI_MESSAGES.serving(server.url));
  if (!values['no-open']) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => { void server.close().then(() => { session.close(); resolve(); }); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * `npm start`: Electron when its binary is installed; otherwise (as on machines without it) the browser mode on the
 * sample township.
 */
export async function cmdStart(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const electronDir = path.resolve('node_modules', 'electron');
  const binary = fs.existsSync(path.join(electronDir, 'path.txt'))
    ? path.join(electronDir, 'dist', fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim()) : null;
  if (binary && fs.existsSync(binary) && fs.existsSync('dist/electron/main.cjs')) {
    out.write(CLI_MESSAGES.startingDesktop);
    spawn(binary, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  out.write(CLI_MESSAGES.noElectron);
  await cmdServe(['--sample', ...args], out);
}
