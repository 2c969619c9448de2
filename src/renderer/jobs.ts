import type { JobRequest, JobStatus } from '../shared/api/contract';
import { api, ApiError } from './api';

const POLL_MS = 300;

/**
 * Start long work on the main side and follow it to its end: every status is reported (for the progress bar), and a
 * cancel the clerk asked for is sent at the next poll. A failed job throws its Chinese message.
 */
export async function followJob(request: JobRequest, onStatus: (status: JobStatus) => void, cancelRequested: () => boolean): Promise<JobStatus> {
  let status = await api['jobs:start'](request);
  onStatus(status);
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    status = cancelRequested() ? await api['jobs:cancel']({ id: status.id }) : await api['jobs:status']({ id: status.id });
    onStatus(status);
  }
  if (status.state === 'failed') throw new ApiError(status.error?.code ?? 'INTERNAL', status.error?.message ?? '后台任务失败。');
  return status;
}
