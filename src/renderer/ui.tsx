import { useCallback, useState, type ReactNode } from 'react';
import { ApiError } from './api';

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
