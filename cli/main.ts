#!/usr/bin/env node
// Entry point of the `pbs-tools` command line. Dispatches to a subcommand module, loaded lazily.
import { COMMANDS } from './commands.ts';
import { CliError, EXIT_USAGE, type CliIo } from './io.ts';
import { VERSION } from '../core/version.ts';

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

/**
 * Takes `--verbose` out of the arguments (anywhere before a `--`), so every subcommand has it
 * without knowing about it.
 */
function verboseFlag(argv: string[]): { verbose: boolean; args: string[] } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const args = head.filter((a) => a !== '--verbose');
  return { verbose: args.length !== head.length, args: end < 0 ? args : [...args, ...argv.slice(end)] };
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
    // Anything else is a bug of ours: say so plainly, without dumping user data.
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr.write(`pbs-tools ${name}: internal error: ${msg}\n`);
    return EXIT_USAGE;
  }
}

const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pbs-tools: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
