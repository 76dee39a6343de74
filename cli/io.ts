// What a subcommand may touch of the outside world. Passed in, so that a subcommand reads and
// writes nothing global and the same code serves the real process and in-process tests.
import type { TextOutput } from './output.ts';

export interface CliIo {
  /** Standard output: text (escaped for the terminal by cli/output.ts) and JSON. */
  stdout: TextOutput;
  stderr: TextOutput;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Working directory for relative paths. */
  cwd: string;
  /**
   * With `--verbose`: what the command is doing, step by step, to stderr. Says where a secret
   * comes from and where a file goes, never the secret itself.
   */
  log?: (message: string) => void;
}

/** Writes a `--verbose` step, if asked for. */
export function logStep(io: CliIo, message: string): void {
  io.log?.(message);
}

/** A subcommand: gets its arguments (after the subcommand name), returns the exit code. */
export type Subcommand = (args: string[], io: CliIo) => Promise<number>;

/** Exit codes shared by every subcommand (DESIGN.md: 0 ok, 1 failure found, 2 usage or I/O). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error whose message is meant for the user as it is, with the exit code to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}
