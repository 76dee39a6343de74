// What a palette command may ask of the user, as an interface: client/vscode-prompts.ts answers it
// with VS Code's UI, tests answer it with canned values. Command code imports no `vscode`, so its
// logic is tested in plain Node, and every command can also run with all its inputs given as one
// args object (how the in-VS-Code tests and other extensions drive it) without any prompt.

export interface FilePickOptions {
  /** e.g. { 'Key files': ['json'] } */
  filters?: Record<string, string[]>;
  /** Pick a folder instead of a file. */
  folder?: boolean;
  /** Ask for a path to write (a save dialog). */
  save?: boolean;
}

export interface InputOptions {
  password?: boolean;
  value?: string;
  placeHolder?: string;
  /** An error message for an unacceptable value, or undefined. */
  validate?: (value: string) => string | undefined;
}

export interface ActiveEditor {
  path?: string;
  languageId: string;
  text: string;
  /** The cursor's line (0-based). */
  line: number;
  /** The selected text ('' when nothing is selected). */
  selection: string;
  /** The line the cursor is on, and the cursor's column in it. */
  lineText: string;
  character: number;
}

export interface Prompts {
  pickFile(title: string, options?: FilePickOptions): Promise<string | undefined>;
  input(prompt: string, options?: InputOptions): Promise<string | undefined>;
  pick<T extends string>(title: string, items: { label: T; description?: string }[]): Promise<T | undefined>;
  /** A modal yes/no; true only when the user chose `action`. */
  confirm(message: string, action: string): Promise<boolean>;
  /** Long work with a progress notification; `signal` aborts when the user cancels. */
  progress<T>(title: string, work: (report: (fraction: number, message?: string) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** A result for the user, with a Copy button for `copy`. */
  show(message: string, copy?: string): void;
  /** Longer text (certificate or blob details) in the output channel. */
  details(title: string, lines: string[]): void;
  activeEditor(): ActiveEditor | undefined;
  /** Runs one of the language server's commands (workspace/executeCommand) and returns its answer. */
  serverCommand(command: string, args: unknown[]): Promise<unknown>;
  /** The PBS server's zone from the settings (pbs.timeZone) when it is a known one, else undefined: this machine's. */
  timeZone(): string | undefined;
  /** A picture (SVG text) in a panel titled `title`; `kind` groups panels (one per kind is reused). */
  webview(kind: string, title: string, svg: string): void;
}

/** The user closed a prompt: the command ends quietly. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('cancelled');
  }
}

/** An answer, or Cancelled when the prompt was dismissed. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

/**
 * A user-facing failure: the message says what, where and how to fix it. (The extension checks
 * errors by `name`: it loads the commands as a separate module, so `instanceof` cannot be used.)
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
