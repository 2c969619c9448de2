import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { isCallName, parseInput, type Result } from '../../shared/api/contract';
import { failureOf } from '../api/failure';
import type { Handlers } from '../api/handlers';
import { UserError } from '../errors';
import { SERVER_MESSAGES } from './messages';

/**
 * The local HTTP transport of the same handlers the Electron IPC serves: bound to 127.0.0.1, every API request must
 * carry the per-run token, no CORS headers are ever sent, and the Host header must be ours (against DNS rebinding).
 */

export interface ServerOptions {
  handlers: Handlers;
  /** Built renderer (index.html, app.js, app.css). */
  rendererDir: string;
  /** Where exports are written; downloads are served from here only. */
  exportDir: string;
  port?: number;
  token?: string;
  /** The open workspace file, named when a call finds it damaged. */
  workspace?: () => string | null;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 720 * 1024 * 1024;
const STATIC_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...extra });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, result: Result<unknown>): void => send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
const failure = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

function sameToken(given: string | null | undefined, token: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new UserError('BAD_INPUT', SERVER_MESSAGES.bodyTooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Run one call: parse the input with the contract's schema, run the handler, wrap the outcome. */
export async function dispatch(
  handlers: Handlers, call: string, input: unknown, workspace: () => string | null = () => null,
): Promise<Result<unknown>> {
  if (!isCallName(call)) return failure('NOT_FOUND', SERVER_MESSAGES.noSuchCall(call));
  const parsed = parseInput(call, input);
  if (!parsed.ok) return failure('BAD_INPUT', parsed.message);
  try {
    const handler = handlers[call] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.value) };
  } catch (error) {
    const { code, message } = failureOf(error, call, workspace());
    return failure(code, message);
  }
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) return send(res, 421, '', 'text/plain');
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        if (!sameToken(req.headers['x-duizhang-token'] as string | undefined, token)) return sendJson(res, 403, failure('FORBIDDEN', SERVER_MESSAGES.badToken));
        let input: unknown;
        try {
          input = JSON.parse((await readBody(req)) || '{}');
        } catch (error) {
          return sendJson(res, 400, failure('BAD_INPUT', error instanceof UserError ? error.message : SERVER_MESSAGES.notJson));
        }
        return sendJson(res, 200, await dispatch(options.handlers, decodeURIComponent(url.pathname.slice(5)), input, options.workspace));
      }
      if (req.method === 'GET' && url.pathname.startsWith('/download/')) {
        if (!sameToken(url.searchParams.get('token'), token)) return send(res, 403, SERVER_MESSAGES.badToken, 'text/plain; charset=utf-8');
        const file = path.join(options.exportDir, path.basename(decodeURIComponent(url.pathname.slice(10))));
        if (!fs.existsSync(file)) return send(res, 404, SERVER_MESSAGES.noSuchFile, 'text/plain; charset=utf-8');
        return send(res, 200, fs.readFileSync(file), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}` });
      }
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
        if (!sameToken(url.searchParams.get('token'), token)) return send(res, 403, SERVER_MESSAGES.openWithToken, 'text/plain; charset=utf-8');
        const html = fs.readFileSync(path.join(options.rendererDir, 'index.html'), 'utf8')
          .replace('<head>', `<head><meta name="duizhang-token" content="${token}">`);
        return send(res, 200, html, 'text/html; charset=utf-8', { 'content-security-policy': CSP, 'referrer-policy': 'no-referrer' });
      }
      const asset = path.basename(url.pathname);
      const type = STATIC_TYPES[path.extname(asset)];
      const file = path.join(options.rendererDir, asset);
      if (req.method === 'GET' && type && fs.existsSync(file)) return send(res, 200, fs.readFileSync(file), type);
      return send(res, 404, '', 'text/plain');
    })().catch((error: unknown) => {
      process.stderr.write(SERVER_MESSAGES.failed(String(error)));
      if (!res.headersSent) send(res, 500, '', 'text/plain');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`, token, port,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
