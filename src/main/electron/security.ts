import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, WebContents } from 'electron';

/** The window's security settings (Electron's checklist): the renderer is untrusted and gets nothing but the contract. */

export const APP_ORIGIN = 'app://duizhang';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1400, height: 900, title: '对账 · 乡镇台账核对', show: false,
    webPreferences: {
      preload, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true,
      allowRunningInsecureContent: false, webviewTag: false, spellcheck: false,
    },
  };
}

/** No navigation away from the app, no new windows, every permission request denied. */
export function lockDown(contents: WebContents, session: Session): void {
  contents.on('will-navigate', (event, url) => { if (!url.startsWith(APP_ORIGIN)) event.preventDefault(); });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

/** An IPC call is answered only for our own top frame, loaded from the app:// origin. */
export function trustedSender(event: IpcMainInvokeEvent, main: WebContents | null): boolean {
  const frame = event.senderFrame;
  return main !== null && event.sender === main && frame !== null && frame.parent === null && frame.url.startsWith(APP_ORIGIN);
}
