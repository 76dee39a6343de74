// The argument handling every subcommand shares: node:util parseArgs with a usage error (exit 2)
// that says what was wrong and shows the usage, and `-h/--help` printing the usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT_USAGE, type CliIo } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` for a subcommand. Returns undefined when `--help` was asked for (the usage is
 * then already printed), otherwise the parsed values and positionals.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
  io: CliIo,
): { values: { [K in keyof O]?: O[K] extends { multiple: true } ? string[] : O[K] extends { type: 'boolean' } ? boolean : string }; positionals: string[] } | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`, EXIT_USAGE);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(usage);
    return undefined;
  }
  return parsed as never;
}
