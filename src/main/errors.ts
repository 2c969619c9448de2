import { describeLocation, type FileLocation } from '../shared/errors';

export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'WORKSPACE_CORRUPT'
  | 'WORKSPACE_TOO_NEW'
  | 'DISK_FULL'
  | 'INTERNAL';

/** An error meant for the clerk: a Chinese message that names the file, sheet, row and column where known. */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly location: FileLocation;
  /** The message without the location in front. */
  readonly detail: string;

  constructor(code: ErrorCode, message: string, location: FileLocation = {}) {
    const where = describeLocation(location);
    super(where ? `${where}：${message}` : message);
    this.name = 'UserError';
    this.code = code;
    this.location = location;
    this.detail = message;
  }
}

export function badInput(message: string, location: FileLocation = {}): UserError {
  return new UserError('BAD_INPUT', message, location);
}
