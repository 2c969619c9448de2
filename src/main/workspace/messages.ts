/** What the workspace and its backups tell the clerk, in one place. */

const detail = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const WORKSPACE_MESSAGES = {
  corrupt: (file?: string) => `${file ? `工作区文件“${file}”` : '工作区文件'}已损坏或不是对账工作区，无法使用。` +
    `每次导入前都会自动备份：可在“开始”页的“备份与恢复”中选一份恢复，或运行 duizhang restore ${file ? `“${file}”` : '<工作区.db>'}。`,
  tooNew: (version: number, latest: number) => `此工作区由更新版本的对账软件创建（结构版本 ${version}，本软件支持到 ${latest}），请升级软件后再打开。`,
  diskFull: '磁盘空间不足，操作没有完成，工作区仍是操作前的内容。请清理工作区和导出文件夹所在的磁盘后重试' +
    '（县级工作区检查时，工作区旁还需临时存放约工作区四分之一大小的数据）。',
  missing: (file: string) => `找不到工作区文件“${file}”。`,
  cannotOpen: (file: string) => `无法打开工作区文件“${file}”：路径不存在、是文件夹或没有权限。`,
  backupFailed: (dir: string, error: unknown) => `无法在“${dir}”中备份工作区：${detail(error)}。请检查磁盘空间和写入权限。`,
  backupCorrupt: (name: string) => `备份“${name}”本身已损坏，不能用来恢复。请选择更早的备份。`,
  backupTooNew: (name: string) => `备份“${name}”由更新版本的对账软件创建，请升级软件后再恢复。`,
  backupUnreadable: (name: string, error: unknown) => `备份“${name}”无法读取（${detail(error)}），不能用来恢复。`,
  notABackup: (file: string, workspace: string) => `“${file}”不是工作区“${workspace}”的备份。`,
} as const;
