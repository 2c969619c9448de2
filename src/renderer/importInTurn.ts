/** Where a multi-file import stands: files done out of all, and the one being read now. */
export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
}

/**
 * Import files one call each, in order: the clerk sees which file is being read and how many are left, and a stop
 * takes effect between files (a file is imported whole or not at all). The first call alone backs the workspace up.
 */
export async function importInTurn<F extends { name: string }, R>(
  files: readonly F[],
  importOne: (file: F, first: boolean) => Promise<R>,
  onProgress: (progress: ImportProgress) => void,
  stopRequested: () => boolean,
): Promise<{ results: R[]; stopped: boolean }> {
  const results: R[] = [];
  for (const [i, file] of files.entries()) {
    if (stopRequested()) {
      onProgress({ done: i, total: files.length, current: null });
      return { results, stopped: true };
    }
    onProgress({ done: i, total: files.length, current: file.name });
    results.push(await importOne(file, i === 0));
  }
  onProgress({ done: files.length, total: files.length, current: null });
  return { results, stopped: false };
}
