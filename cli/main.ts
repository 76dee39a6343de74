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
    "Run 'pbs-tools <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
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
