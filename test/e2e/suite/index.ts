/**
 * Extension-host suite entry (`extensionTestsPath`): the same `run()` contract as mocha-based
 * suites under `@vscode/test-electron` — resolve when every test passed, reject otherwise.
 * Runs in a real VS Code (code-server 4.100.3 offline, or desktop VS Code) with the real `vscode` API.
 */
import { runRegistered } from './framework';

export async function run(): Promise<void> {
  // Registration order is execution order.
  require('./diagnostics.e2e');
  require('./hover-and-fixes.e2e');
  require('./configuration.e2e');
  require('./terraform.e2e');
  require('./cdk.e2e');
  const { failed, passed, failures } = await runRegistered();
  if (failed) throw new Error(`${failed} of ${passed + failed} e2e tests failed: ${failures.join('; ')}`);
}
