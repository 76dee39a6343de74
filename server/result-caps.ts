// `pbs.limits.*`: big files make big answers (10k datastores → 10k completion items); results
// are cut at the limit, and the user is told once per file and kind of result, not on every
// keystroke.
import { MessageType } from './lsp.ts';
import type { Connection } from 'vscode-languageserver';
import { escapeControls } from '../core/control-chars.ts';

export class ResultCaps {
  private readonly told = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /**
   * The first `limit` items; when some were cut, one notice per (document, what) for the session.
   * `setting` names the setting that raises the limit.
   */
  cap<T>(items: T[], limit: number, uri: string, what: string, setting: string): { items: T[]; cut: boolean } {
    if (items.length <= limit) return { items, cut: false };
    this.notice(uri, what, `showing the first ${limit} of ${items.length} ${what}; raise ${setting} to see more.`);
    return { items: items.slice(0, limit), cut: true };
  }

  /** Tells the user `text` about a document's `what`, once per (document, what) for the session. */
  notice(uri: string, what: string, text: string): void {
    const key = `${uri}\u0000${what}`;
    if (this.told.has(key)) return;
    this.told.add(key);
    let name = uri.slice(uri.lastIndexOf('/') + 1);
    try {
      name = decodeURIComponent(name);
    } catch {
      // not percent-encoded as it should be: shown as it came
    }
    void this.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `${escapeControls(name)}: ${text}` });
  }
}
