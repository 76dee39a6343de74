// How `pbs-tools` reads its first arguments: shared by cli/main.ts, which runs the command, and
// cli/launch.ts, which picks the command's bundle before any of it is loaded. They must agree.

/**
 * Takes `--verbose` out of the arguments (anywhere before a `--`), so every subcommand has it
 * without knowing about it. The command's name is then `args[0]`.
 */
export function verboseFlag(argv: string[]): { verbose: boolean; args: string[] } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const args = head.filter((a) => a !== '--verbose');
  return { verbose: args.length !== head.length, args: end < 0 ? args : [...args, ...argv.slice(end)] };
}
