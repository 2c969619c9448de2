import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/main/cli/main';

export const CLI = path.resolve('bin/duizhang.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function collector(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      append(chunk.toString());
      done();
    },
  });
}

/**
 * Runs a CLI command in this process through the same `main` the binary calls: starting Node for every step costs
 * seconds on a loaded two-core machine. `runBin` covers the binary itself.
 */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await main([...args], { out: collector((t) => { stdout += t; }), err: collector((t) => { stderr += t; }) });
  return { status, stdout, stderr };
}

/** Runs the installed binary as a clerk's shell would. */
export function runBin(args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the installed binary; `nodeArgs` (such as a preloaded module) go before it, `env` adds to the environment. */
export function spawnCli(args: readonly string[], options: { nodeArgs?: readonly string[]; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
}
