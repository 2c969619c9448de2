import type { JobKind } from '../../shared/api/contract';

/** What a job shows the clerk while it runs and when it ends, in one place. */

const KIND_LABEL: Record<JobKind, string> = { import: '导入', check: '检查', export: '导出' };

export const JOB_MESSAGES = {
  busy: (kind: JobKind, label: string) => `正在${KIND_LABEL[kind]}（${label}），请等待完成或取消后再操作。`,
  preparing: (kind: JobKind) => `正在准备${KIND_LABEL[kind]}`,
  done: (kind: JobKind) => `${KIND_LABEL[kind]}完成`,
  failed: (kind: JobKind) => `${KIND_LABEL[kind]}失败`,
  cancelled: '已取消',
  workerError: (message: string) => `后台任务出错：${message}`,
  workerExited: '后台任务意外退出。',
  noSuchJob: '没有这个任务（可能已过期）。',
  importing: (index: number, count: number, name: string) => `正在导入第 ${index + 1}/${count} 个文件：${name}`,
  writing: (label: string) => `${label}（写入）`,
  exporting: '正在导出',
  context: (kind: JobKind) => `后台任务 ${kind}`,
} as const;
