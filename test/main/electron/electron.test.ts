import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALLS } from '../../../src/shared/api/contract';
import { APP_ORIGIN, lockDown, trustedSender, windowOptions } from '../../../src/main/electron/security';

// Electron's modules substituted: requiring the real one would try to download its binary.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const windows: { options: unknown; url: string | null }[] = [];
  let exposed: Record<string, unknown> | null = null;
  const webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), reload: vi.fn(), session: { setPermissionRequestHandler: vi.fn() } };
  class BrowserWindow {
    webContents = webContents;
    constructor(readonly options: unknown) { windows.push({ options, url: null }); }
    loadURL(url: string) { const w = windows.at(-1); if (w) w.url = url; return Promise.resolve(); }
    once() { return this; }
  }
  return {
    handlers, windows, webContents, getExposed: () => exposed,
    module: {
      app: {
        requestSingleInstanceLock: vi.fn(() => true), whenReady: vi.fn(() => Promise.resolve()), on: vi.fn(), quit: vi.fn(),
        getPath: vi.fn(() => '/tmp/duizhang-electron-test'), getVersion: () => '0.0.0',
      },
      BrowserWindow,
      ipcMain: { handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn)) },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
      dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn() },
      contextBridge: { exposeInMainWorld: vi.fn((_key: string, api: Record<string, unknown>) => { exposed = api; }) },
      ipcRenderer: { invoke: vi.fn((channel: string) => Promise.resolve({ ok: true, value: channel })) },
    },
  };
});
vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

describe('the Electron shell', () => {
  beforeEach(() => vi.clearAllMocks());

  it('opens its window isolated, sandboxed, without Node, from app://', async () => {
    await import('../../../src/main/electron/main');
    await vi.waitFor(() => expect(electron.windows.length).toBe(1));
    const [win] = electron.windows;
    expect(win?.options).toMatchObject({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false } });
    expect(win?.url).toBe(`${APP_ORIGIN}/index.html`);
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect([...electron.handlers.keys()].sort()).toEqual(CALLS.map((c) => `duizhang:${c}`).sort());
  });

  it('answers IPC only from its own top frame, and validates input there too', async () => {
    await import('../../../src/main/electron/main');
    const handler = electron.handlers.get('duizhang:issues:list');
    if (!handler) throw new Error('registered');
    const ours = { sender: electron.webContents, senderFrame: { parent: null, url: `${APP_ORIGIN}/index.html` } };
    const foreign = { sender: electron.webContents, senderFrame: { parent: null, url: 'https://example.com/' } };
    expect(await handler(foreign, { offset: 0, limit: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler(ours, { offset: -5, limit: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await handler(ours, { offset: 0, limit: 1 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('请先打开') } });
  });

  it('blocks navigation, new windows, webviews and every permission', () => {
    const events = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    const contents = { on: vi.fn((name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => events.set(name, fn)), setWindowOpenHandler: vi.fn() };
    const session = { setPermissionRequestHandler: vi.fn() };
    lockDown(contents as never, session as never);
    const prevent = vi.fn();
    events.get('will-navigate')?.({ preventDefault: prevent }, 'https://example.com');
    expect(prevent).toHaveBeenCalled();
    expect((contents.setWindowOpenHandler.mock.calls[0]?.[0] as () => unknown)()).toEqual({ action: 'deny' });
    const callback = vi.fn();
    (session.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(windowOptions('/p.cjs').webPreferences).toMatchObject({ preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(trustedSender({ sender: {}, senderFrame: { parent: {}, url: `${APP_ORIGIN}/x` } } as never, {} as never)).toBe(false);
  });

  it('preload exposes exactly the contract\'s calls', async () => {
    await import('../../../src/preload/preload');
    const api = electron.getExposed() as { invoke(call: string, input: unknown): Promise<unknown> };
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(await api.invoke('issues:list', {})).toEqual({ ok: true, value: 'duizhang:issues:list' });
    expect(await api.invoke('fs:readFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(electron.module.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });
});
