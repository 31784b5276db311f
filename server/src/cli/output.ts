/** Where the report goes (stdout or --output) and whether the text report is coloured. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from '../core/workspace/read';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
}

export function processIo(): Io {
  // A closed pipe (`hipaa-lint | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
}

/** --color / --no-color win; then NO_COLOR (any non-empty value) and FORCE_COLOR; then "is stdout a terminal". */
export function useColor(flag: boolean | undefined, toFile: boolean, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

/** Writes the report; returns an error message, or undefined when it worked. */
export function writeReport(report: string, output: string | undefined, io: Io): string | undefined {
  if (output === undefined) {
    io.stdout(report);
    return undefined;
  }
  try {
    const file = path.resolve(io.cwd, output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, report);
    return undefined;
  } catch (e) {
    return `cannot write ${output}: ${describeFsError(e)}`;
  }
}
