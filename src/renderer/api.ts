import { CALLS, type Api, type CallName, type Result } from '../shared/api/contract';

/** Electron's preload exposes `window.duizhang.invoke`; in a browser the same calls go over HTTP to the local server. */
declare global {
  interface Window {
    duizhang?: { invoke(call: string, input: unknown): Promise<Result<unknown>> };
  }
}

export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const token = (): string => document.querySelector<HTMLMetaElement>('meta[name="duizhang-token"]')?.content ?? '';

async function invoke(call: CallName, input: unknown): Promise<unknown> {
  const bridge = window.duizhang;
  const result = bridge
    ? await bridge.invoke(call, input)
    : ((await (await fetch(`/api/${call}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-duizhang-token': token() }, body: JSON.stringify(input),
    })).json()) as Result<unknown>);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}

export const api = Object.fromEntries(CALLS.map((call) => [call, (input: unknown) => invoke(call, input)])) as unknown as Api;

export const downloadUrl = (name: string): string => `/download/${encodeURIComponent(name)}?token=${token()}`;

/** A file the clerk picked, as the base64 the contract carries. */
export async function fileToUpload(file: File): Promise<{ name: string; data: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, data: btoa(binary) };
}
