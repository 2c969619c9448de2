import { useState } from 'react';
import type { WorkspaceInfo } from '../../shared/api/contract';
import { api, ApiError } from '../api';
import { BackupsCard } from './backups';
import { Status, useAction } from '../ui';

const RECENT_KEY = 'duizhang.recent';
const recent = (): string[] => JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[];
const remember = (path: string): void => localStorage.setItem(RECENT_KEY, JSON.stringify([path, ...recent().filter((p) => p !== path)].slice(0, 8)));

/** 开始: open or create a workspace, open the sample township, recent workspaces. */
export function StartScreen({ info, onOpened }: { info: WorkspaceInfo | null; onOpened: (info: WorkspaceInfo) => void }) {
  const [path, setPath] = useState('');
  const [showBackups, setShowBackups] = useState(0);
  const [recentPaths, setRecentPaths] = useState(recent);
  const action = useAction();
  const open = async (file: string, create: boolean) => {
    const result = await action.run(create ? '正在新建工作区' : '正在打开工作区', () => api['workspace:open']({ path: file, create }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'WORKSPACE_CORRUPT') {
        setPath(file);
        setShowBackups((n) => n + 1);
      }
      throw error;
    }));
    if (result) opened(file, result);
  };
  const opened = (file: string, result: WorkspaceInfo) => {
    remember(file);
    setRecentPaths(recent());
    onOpened(result);
  };
  return (
    <section className="screen start">
      <h2>开始</h2>
      {info?.path && <p>当前工作区：{info.path}</p>}
      <div className="card">
        <label>工作区文件（每个乡镇一个 .db 文件）
          <input name="workspace-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="如 D:\对账\青山乡.db" />
        </label>
        <div className="buttons">
          <button type="button" disabled={action.busy || path.trim() === ''} onClick={() => void open(path.trim(), false)}>打开工作区</button>
          <button type="button" disabled={action.busy || path.trim() === ''} onClick={() => void open(path.trim(), true)}>新建工作区</button>
          <button type="button" disabled={action.busy} onClick={() => void action.run('正在准备示例乡镇（首次约需一分钟）', () => api['workspace:openSample']({})).then((i) => i && onOpened(i))}>打开示例乡镇</button>
        </div>
      </div>
      {recentPaths.length > 0 && (
        <div className="card">
          <h3>最近使用</h3>
          <ul>{recentPaths.map((p) => <li key={p}><button type="button" className="link" onClick={() => void open(p, false)}>{p}</button></li>)}</ul>
        </div>
      )}
      <Status {...action} />
      <BackupsCard workspace={path.trim() || info?.path || null} showNow={showBackups} onRestored={(i) => opened(i.path ?? path.trim(), i)} />
    </section>
  );
}
