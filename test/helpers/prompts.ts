// A Prompts double for the palette commands (client/commands): answers come from queues, and
// every prompt asked, message shown, details text, panel opened and server command called is recorded.
import type { ActiveEditor, Prompts } from '../../client/commands/prompts.ts';

/** Prompts answered from queues; every prompt asked is recorded. */
export function fakePrompts(
  answers: { inputs?: (string | undefined)[]; files?: (string | undefined)[]; confirm?: boolean; picks?: string[]; editor?: ActiveEditor; server?: (command: string, args: unknown[]) => unknown; timeZone?: string } = {},
) {
  const asked: string[] = [];
  const shown: { message: string; copy?: string }[] = [];
  const panels: { kind: string; title: string; svg: string }[] = [];
  const serverCalls: { command: string; args: unknown[] }[] = [];
  const details: { title: string; lines: string[] }[] = [];
  const prompts: Prompts = {
    async pickFile(title) {
      asked.push(`file: ${title}`);
      return answers.files?.shift();
    },
    async input(prompt, options) {
      asked.push(`input: ${prompt}${options?.password ? ' (password)' : ''}`);
      const v = answers.inputs?.shift();
      if (v !== undefined && options?.validate?.(v)) throw new Error(`validation: ${options.validate(v)}`);
      return v;
    },
    async pick(title) {
      asked.push(`pick: ${title}`);
      return answers.picks?.shift() as never;
    },
    async confirm(message) {
      asked.push(`confirm: ${message}`);
      return answers.confirm ?? false;
    },
    progress: (_title, work) => work(() => {}, new AbortController().signal),
    show: (message, copy) => void shown.push({ message, copy }),
    details: (title, lines) => void details.push({ title, lines }),
    activeEditor: () => answers.editor,
    async serverCommand(command, args) {
      serverCalls.push({ command, args });
      return answers.server?.(command, args);
    },
    webview: (kind, title, svg) => void panels.push({ kind, title, svg }),
    timeZone: () => answers.timeZone,
  };
  return { prompts, asked, shown, panels, serverCalls, details };
}

