import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { JobRequest, JobStatus } from '../shared/api/contract';
import { ApiError } from './api';
import { followJob } from './jobs';

/** Small shared pieces of the desk: a busy/error wrapper for API calls, and a status line. */

export function useAction(): { busy: boolean; error: string | null; message: string | null; run: <T>(label: string, work: () => Promise<T>, done?: (value: T) => string) => Promise<T | undefined>; clear(): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = useCallback(async <T,>(label: string, work: () => Promise<T>, done?: (value: T) => string): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setMessage(`${label}…`);
    try {
      const value = await work();
      setMessage(done ? done(value) : null);
      return value;
    } catch (e) {
      setMessage(null);
      setError(e instanceof ApiError ? e.message : `${label}失败：${String(e)}`);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, message, run, clear: () => { setError(null); setMessage(null); } };
}

export function Status({ busy, error, message }: { busy: boolean; error: string | null; message: string | null }): ReactNode {
  return (
    <div className="status" role="status">
      {busy && <span className="spinner" aria-label="处理中" />}
      {error && <span className="error" role="alert">{error}</span>}
      {!error && message && <span className="message">{message}</span>}
    </div>
  );
}

/** A job the screen runs: its live status for the progress card, and a cancel the next poll sends. */
export function useJob(): { status: JobStatus | null; follow: (request: JobRequest) => Promise<JobStatus>; cancel: () => void } {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const cancelled = useRef(false);
  const follow = useCallback(async (request: JobRequest) => {
    cancelled.current = false;
    try {
      return await followJob(request, setStatus, () => cancelled.current);
    } finally {
      setStatus(null);
    }
  }, []);
  return { status, follow, cancel: () => { cancelled.current = true; } };
}

/** Progress of a running job with its cancel button; an unknown total shows a moving bar. */
export function JobProgress({ status, onCancel }: { status: JobStatus | null; onCancel: () => void }): ReactNode {
  if (!status || status.state !== 'running') return null;
  return (
    <div className="card progress" data-testid="job-progress">
      {status.total > 0 ? <progress value={status.done} max={status.total} /> : <progress />}
      <span>{status.label}{status.total > 0 ? `（${status.done} / ${status.total}）` : ''}</span>
      <button type="button" onClick={onCancel}>取消</button>
    </div>
  );
}
