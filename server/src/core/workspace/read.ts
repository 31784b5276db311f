/** Reading a source file, with a short reason when that fails (never the file's contents). */
import * as fs from 'node:fs';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
};

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return code ?? String((e as Error)?.message ?? e).split('\n')[0];
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

export function readSource(file: string): ReadResult {
  try {
    return { ok: true, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { ok: false, reason: describeFsError(e) };
  }
}
