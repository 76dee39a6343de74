// Entry point of the `pbs-tools` command line. Dispatches to a subcommand module, loaded lazily.
import { COMMANDS } from './commands.ts';
import { verboseFlag } from './command-line.ts';
import { CliError, EXIT_USAGE, type CliIo } from './io.ts';
import { EXIT_BROKEN_PIPE, GuardedOutput } from './output.ts';
import { VERSION } from '../core/version.ts';
import { fileErrorReason } from '../core/fs/read-file.ts';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: pbs-tools <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options (any command):',
    '  --verbose   say what the command does, step by step, on stderr (never a passphrase or key)',
    '',
    "Run 'pbs-tools <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: string[], baseIo: CliIo): Promise<number> {
  const { verbose, args } = verboseFlag(argv);
  const io: CliIo = verbose ? { ...baseIo, log: (m) => baseIo.stderr.write(`pbs-tools: ${m}\n`) } : baseIo;
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage() + '\n');
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`pbs-tools ${VERSION}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr.write(`pbs-tools: unknown command '${name}'\n\n${usage()}\n`);
    return EXIT_USAGE;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`pbs-tools ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    // An I/O error no subcommand put into words (a failing read of standard input, …): still the
    // user's situation, not our bug.
    const failure = err as NodeJS.ErrnoException;
    if (typeof failure?.syscall === 'string' && typeof failure.code === 'string') {
      const where = failure.path === undefined ? (failure.syscall === 'read' ? ' (standard input?)' : '') : ` '${failure.path}'`;
      io.stderr.write(`pbs-tools ${name}: ${failure.syscall} failed${where}: ${fileErrorReason(failure, failure.path ?? '', failure.syscall === 'write' ? 'write' : 'read')}\n`);
      return EXIT_USAGE;
    }
    // Anything else is a bug of ours: say so plainly, without dumping user data.
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr.write(`pbs-tools ${name}: internal error: ${msg}\n`);
    return EXIT_USAGE;
  }
}

/**
 * Runs main on the real process: standard output and error guarded (cli/output.ts), and a write
 * that failed turned into the exit status. Returns the status.
 */
async function runProcess(argv: string[]): Promise<number> {
  const stdout = new GuardedOutput(1, () => process.stdout, 'standard output');
  const stderr = new GuardedOutput(2, () => process.stderr, 'standard error');
  const io: CliIo = {
    stdout,
    stderr,
    // Made on first use: Node builds a stream for standard input when it is first asked for (~1 ms),
    // and only sha256 and the passphrase prompts read it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
  let code: number;
  try {
    code = await main(argv, io);
  } catch (err) {
    stderr.write(`pbs-tools: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    code = EXIT_USAGE;
  }
  await stdout.flush();
  if (stdout.failure) {
    // The reader of a pipe has gone (`pbs-tools lint … | head`): stop quietly, as coreutils do.
    if (stdout.brokenPipe) return EXIT_BROKEN_PIPE;
    const command = argv.find((a) => !a.startsWith('-'));
    stderr.write(`pbs-tools${command ? ` ${command}` : ''}: ${outputErrorMessage(stdout.failure, stdout.name)}\n`);
    code = EXIT_USAGE;
  }
  await stderr.flush();
  // Nothing can be said when standard error itself fails; the status says it.
  if (stderr.failure) return stderr.brokenPipe ? EXIT_BROKEN_PIPE : EXIT_USAGE;
  return code;
}

function outputErrorMessage(err: NodeJS.ErrnoException, name: string): string {
  return `cannot write to ${name}: ${fileErrorReason(err, name, 'write')}; the output is incomplete`;
}

// Everything is written (runProcess waits for its output) when the status is known: exiting then,
// rather than when the event loop runs dry, does not wait for V8's helper threads to finish what a
// process that ends has no use for (~5 ms of a lint of the example tree on a busy machine).
void runProcess(process.argv.slice(2)).then((code) => process.exit(code));
