/**
 * A tiny sequential test runner for the extension host (mocha is not a dependency): `test(name, fn)`
 * registers, `runRegistered()` runs them in order, prints TAP-like `ok` / `not ok` lines and the
 * counts, and rejects when any failed — the contract `@vscode/test-electron` and the code-server
 * harness expect from `run()`.
 */

export type TestFn = () => Promise<void> | void;

interface TestCase {
  name: string;
  fn: TestFn;
  timeoutMs: number;
}

const tests: TestCase[] = [];

/** Per test (each test waits on several conditions, each with its own 60 s timeout). */
export const TEST_TIMEOUT_MS = Number(process.env.HIPAA_E2E_TEST_TIMEOUT_MS || 180_000);

export function test(name: string, fn: TestFn, timeoutMs = TEST_TIMEOUT_MS): void {
  tests.push({ name, fn, timeoutMs });
}

function withTimeout(t: TestCase): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test timed out after ${t.timeoutMs / 1000} s`)), t.timeoutMs);
    Promise.resolve()
      .then(t.fn)
      .then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
  });
}

export interface Summary {
  passed: number;
  failed: number;
  failures: string[];
}

export async function runRegistered(log: (line: string) => void = (l) => console.log(l)): Promise<Summary> {
  const summary: Summary = { passed: 0, failed: 0, failures: [] };
  log(`1..${tests.length}`);
  for (let i = 0; i < tests.length; i++) {
    const t = tests[i];
    const started = Date.now();
    try {
      await withTimeout(t);
      summary.passed++;
      log(`ok ${i + 1} - ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      summary.failed++;
      summary.failures.push(t.name);
      const detail = e instanceof Error ? e.stack ?? e.message : String(e);
      log(`not ok ${i + 1} - ${t.name} (${Date.now() - started} ms)`);
      for (const line of detail.split('\n')) log(`  # ${line}`);
    }
  }
  log(`# ${summary.passed} passed, ${summary.failed} failed`);
  return summary;
}
