import { UserError } from '../errors';
import { storageFailure } from '../workspace/workspace';
import { API_MESSAGES } from './messages';

/**
 * What the clerk is told when a call or a job fails: their own mistake in their words, a damaged workspace with how to
 * restore it, a full disk, anything else as an internal error logged for the technician.
 */
export function failureOf(error: unknown, context: string, workspace: string | null = null): { code: string; message: string } {
  if (error instanceof UserError) return { code: error.code, message: error.message };
  // Damage found in the middle of a query names the file as damage found on open does.
  const storage = storageFailure(error, workspace ?? undefined);
  if (storage) return { code: storage.code, message: storage.message };
  process.stderr.write(API_MESSAGES.internalLog(context, error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return { code: 'INTERNAL', message: API_MESSAGES.internal };
}
