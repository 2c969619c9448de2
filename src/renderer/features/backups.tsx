import { useEffect, useState } from 'react';
import type { BackupInfo, WorkspaceInfo } from '../../shared/api/contract';
import { api } from '../api';
import { Status, useAction } from '../ui';
import { megabytes } from '../../shared/text/format';

/**
 * 备份与恢复: the automatic backups taken before every import, and restoring one in place of the workspace. Shown
 * on the start screen, and opened by itself when a workspace turns out to be damaged.
 */
export function BackupsCard({ workspace, showNow, onRestored }: { workspace: string | null; showNow: number; onRestored: (info: WorkspaceInfo) => void }) {
  const [list, setList] = useState<{ workspace: string; backups: BackupInfo[] } | null>(null);
  const action = useAction();
  const load = () => action.run('正在查找备份', () => api['backups:list'](workspace ? { path: workspace } : {})).then((l) => { if (l) setList(l); });
  useEffect(() => {
    if (showNow > 0) void load();
    // Only a new request to show (a damaged workspace) reloads; typing a path does not.
  }, [showNow]);
  const restore = async (backup: BackupInfo) => {
    if (!list || !window.confirm(`用 ${backup.at} 的备份（${backup.reason}）替换工作区“${list.workspace}”？\n当前工作区会先另存为“恢复前”备份，之后仍可恢复回来。`)) return;
    const info = await action.run('正在恢复', () => api['backups:restore']({ path: list.workspace, backup: backup.name }), () => `已用 ${backup.at} 的备份恢复工作区`);
    if (info) { onRestored(info); void load(); }
  };
  return (
    <div className="card backups">
      <h3>备份与恢复</h3>
      <p>每次导入前都会自动备份工作区（保留最近几份），工作区损坏或导入有误时可从备份恢复。</p>
      <button type="button" disabled={action.busy || !workspace} onClick={() => void load()}>查看备份</button>
      {list && (list.backups.length === 0
        ? <p>工作区“{list.workspace}”还没有备份。</p>
        : (
          <table data-testid="backups">
            <thead><tr><th>时间</th><th>原因</th><th>大小</th><th /></tr></thead>
            <tbody>{list.backups.map((b) => (
              <tr key={b.name}>
                <td>{b.at}</td><td>{b.reason}</td><td>{megabytes(b.bytes)}</td>
                <td><button type="button" disabled={action.busy} onClick={() => void restore(b)}>用此备份恢复</button></td>
              </tr>
            ))}</tbody>
          </table>
        ))}
      <Status {...action} />
    </div>
  );
}
