import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, type MenuItemConstructorOptions } from 'electron';
import { CALLS } from '../../shared/api/contract';
import { createHandlers, EXPORT_DIR_NAME, Session } from '../api/handlers';
import { dispatch } from '../server/server';
import { APP_ORIGIN, CSP, lockDown, trustedSender, windowOptions } from './security';

/** The Electron shell: one instance, one locked-down window, the contract over IPC, Chinese menus. Thin by design. */

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let window: BrowserWindow | null = null;
const session = new Session(path.join(app.getPath('documents'), EXPORT_DIR_NAME), path.join(__dirname, '..', 'jobWorker.mjs'));
const handlers = createHandlers(session);

function menu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [
      { label: '打开工作区…', accelerator: 'CmdOrCtrl+O', click: () => void openWorkspaceDialog() },
      { type: 'separator' }, { label: '退出', role: 'quit' },
    ] },
    { label: '编辑', submenu: [{ label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' }, { label: '全选', role: 'selectAll' }] },
    { label: '视图', submenu: [{ label: '重新加载', role: 'reload' }, { label: '实际大小', role: 'resetZoom' }, { label: '放大', role: 'zoomIn' }, { label: '缩小', role: 'zoomOut' }] },
    { label: '帮助', submenu: [{ label: '关于对账', click: () => void dialog.showMessageBox({ message: `对账 ${app.getVersion()}`, detail: '乡镇扶贫/乡村振兴台账核对工具。数据只保存在本机。' }) }] },
  ];
  return Menu.buildFromTemplate(template);
}

async function openWorkspaceDialog(): Promise<void> {
  const result = await dialog.showOpenDialog({ title: '打开工作区', defaultPath: app.getPath('userData'), filters: [{ name: '对账工作区', extensions: ['db'] }], properties: ['openFile'] });
  const [file] = result.filePaths;
  if (!result.canceled && file) {
    session.open(file);
    window?.webContents.reload();
  }
}

function createWindow(): void {
  window = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs')));
  lockDown(window.webContents, window.webContents.session);
  window.once('ready-to-show', () => window?.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => { if (window) { if (window.isMinimized()) window.restore(); window.focus(); } });
  void app.whenReady().then(() => {
    const rendererDir = path.join(__dirname, '..', 'renderer');
    protocol.handle('app', (request) => {
      const file = path.join(rendererDir, path.basename(new URL(request.url).pathname) || 'index.html');
      if (!fs.existsSync(file)) return new Response('', { status: 404 });
      return new Response(fs.readFileSync(file), { headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP } });
    });
    for (const call of CALLS) {
      ipcMain.handle(`duizhang:${call}`, (event, input: unknown) => {
        if (!trustedSender(event, window?.webContents ?? null)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求。' } };
        return dispatch(handlers, call, input, () => session.file);
      });
    }
    Menu.setApplicationMenu(menu());
    const userData = app.getPath('userData');
    fs.mkdirSync(userData, { recursive: true });
    createWindow();
  });
  app.on('window-all-closed', () => { session.close(); app.quit(); });
}
