/**
 * hipaa-lint: walks the paths, runs the engine on every supported file, prints a text, JSON or
 * SARIF report and sets the exit code (0 clean, 1 findings at or above --fail-on, 2 errors).
 * Everything here adapts: compliance is decided by the engine, reports are formatted by core/report.
 */
import { ConfigError } from '../core/config/config';
import { formatErrorLines, formatProblemLines, formatReport, type FileError } from '../core/report';
import { loadRuleSet, type RuleSet } from '../core/rules/loader';
import { analyseFiles } from './analyse-files';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import { ConfigResolver, findGitRoot } from '../core/workspace/config-resolver';
import { EXIT_ERROR, EXIT_OK, exitCodeOf } from './exit-code';
import { processIo, useColor, writeReport, type Io } from './output';
import { packageInfo } from './package-info';
import { collectFiles } from '../core/workspace/walk';
import { initTerraform } from '../core/formats/terraform/runtime';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const fatal = (message: string) => {
    io.stderr(`hipaa-lint: ${message}\n`);
    return EXIT_ERROR;
  };
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fatal(`${e.message}\nRun "hipaa-lint --help" for usage.`);
    throw e;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const pkg = packageInfo();
  if (options.version) {
    io.stdout(`${pkg.version}\n`);
    return EXIT_OK;
  }
  try {
    await initTerraform();
    return run(options, io);
  } catch (e) {
    if (e instanceof ConfigError) return fatal(`bad configuration: ${e.message.split('\n')[0]}`);
    return fatal(`internal error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}`);
  }
}

function run(options: CliOptions, io: Io): number {
  const rules: RuleSet = loadRuleSet();
  const gitRoot = findGitRoot(io.cwd);
  const root = gitRoot ?? io.cwd;
  const configs = ConfigResolver.create(options.config, io.cwd, gitRoot);
  const walked = collectFiles(options.paths, { cwd: io.cwd, gitRoot, root, configs });
  const analysed = analyseFiles(walked.files, rules, root);
  const fileErrors: FileError[] = [...walked.errors, ...analysed.errors].sort((a, b) => a.file.localeCompare(b.file));
  const { results } = analysed;

  const pkg = packageInfo();
  const report = formatReport(options.format, results, rules, {
    cwd: io.cwd,
    fileErrors,
    color: options.format === 'text' && useColor(options.color, options.output !== undefined, io),
    tool: { name: pkg.name, version: pkg.version, informationUri: pkg.homepage ?? rules.whitepaper.url },
  });
  io.stderr(formatErrorLines(results, { cwd: io.cwd, fileErrors }));
  if (options.format === 'text') io.stderr(formatProblemLines(results, { cwd: io.cwd }));
  const writeError = writeReport(report, options.output, io);
  if (writeError) {
    io.stderr(`hipaa-lint: ${writeError}\n`);
    return EXIT_ERROR;
  }
  return exitCodeOf(results, options.failOn, fileErrors.length > 0);
}

/** True when this module is the program: run directly, or required by bin/hipaa-lint.js (the bundle). */
function isEntryPoint(): boolean {
  const entry = require.main;
  if (!entry) return false;
  return entry === module || /[\\/]bin[\\/]hipaa-lint(\.js)?$/.test(entry.filename);
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`hipaa-lint: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
