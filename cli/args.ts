// The argument handling every subcommand shares: node:util parseArgs, with usage errors (exit 2)
// worded like the CLI's other messages ("unknown option '-1'; see 'pbs-tools lint --help'")
// instead of Node's ("Unknown option '-1'. To specify a positional argument starting with a '-',
// place it at the end of the command after '--', as in '-- "-1"'), and `-h/--help` printing
// the usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT_USAGE, type CliIo } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

type Values<O extends Options> = { [K in keyof O]?: O[K] extends { multiple: true } ? string[] : O[K] extends { type: 'boolean' } ? boolean : string };

/** How an option is written in messages: `--format`, `-n/--count`. */
function optionName(name: string, option: Options[string] | undefined): string {
  return option?.short ? `-${option.short}/--${name}` : `--${name}`;
}

/**
 * The first thing wrong with `args` for these options, in words, or undefined. Checked on
 * parseArgs's tokens (non-strict), so the message can name the option as the user wrote it.
 */
export function argumentProblem(args: string[], options: Options): string | undefined {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!option) return `unknown option '${token.rawName}'`;
    const shown = optionName(token.name, option);
    if (option.type === 'boolean') {
      if (token.value !== undefined) return `option ${shown} takes no value`;
    } else if (token.value === undefined) {
      return `option ${shown} needs a value`;
    } else if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      // `--format --kind x`: most likely a forgotten value, as parseArgs's strict mode judges too.
      return `option ${shown} needs a value, not '${token.value}' (a value starting with '-' is written --${token.name}=${token.value})`;
    }
  }
  return undefined;
}

/**
 * Parses `args` for a subcommand (`command` as the user types it: 'lint', 'cert generate'). Returns
 * undefined when `--help` was asked for (the usage is then already printed), otherwise the parsed
 * values and positionals.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
  io: CliIo,
  command: string,
): { values: Values<O>; positionals: string[] } | undefined {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as Options;
  const problem = argumentProblem(args, all);
  if (problem) throw new CliError(`${problem}; see 'pbs-tools ${command} --help'`, EXIT_USAGE);
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: all });
  } catch (err) {
    // Not expected after the check above; still a usage error, never an internal one.
    throw new CliError(`${err instanceof Error ? err.message : String(err)}; see 'pbs-tools ${command} --help'`, EXIT_USAGE);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(usage);
    return undefined;
  }
  return parsed as never;
}
