// A backup history given by hand for the prune simulation: one ISO 8601 time per line (optionally
// followed by `protected` or `partial`, `#` comments), or a JSON array of times or of
// { time, protected, finished } objects, as an admin would paste from `proxmox-backup-client
// snapshot list --output-format json` after a little editing.
import { parseIsoDateTime } from '../format/epoch.ts';
import type { Snapshot } from './select.ts';

export type BackupListResult = { ok: true; snapshots: Snapshot[] } | { ok: false; line: number; message: string };

const EXAMPLE = "e.g. '2025-03-30T01:30:00Z' or '2025-03-30 01:30 protected'";

/** Reads a backup list; times without an offset are wall-clock times in `timeZone`. */
export function parseBackupList(text: string, timeZone: string): BackupListResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return parseJsonList(trimmed, timeZone);
  const snapshots: Snapshot[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/#.*/, '').trim();
    if (line === '') continue;
    // "2025-03-30 01:30:00" has a blank inside; the flags are the last words.
    const words = line.split(/\s+/);
    const flags = new Set<string>();
    while (words.length > 1 && /^(protected|partial)$/i.test(words[words.length - 1])) flags.add(words.pop()!.toLowerCase());
    const time = parseIsoDateTime(words.join(' '), timeZone);
    if (time === undefined) return { ok: false, line: i + 1, message: `'${line.slice(0, 80)}' is not a backup time (${EXAMPLE})` };
    snapshots.push({ time, protected: flags.has('protected'), finished: !flags.has('partial') });
  }
  if (snapshots.length === 0) return { ok: false, line: 1, message: `no backup times in the list (${EXAMPLE}, one per line)` };
  return { ok: true, snapshots };
}

function parseJsonList(text: string, timeZone: string): BackupListResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, line: 1, message: `not a JSON array: ${(err as Error).message}` };
  }
  if (!Array.isArray(doc)) return { ok: false, line: 1, message: 'a JSON backup list is an array' };
  const snapshots: Snapshot[] = [];
  for (const [i, item] of doc.entries()) {
    const entry = typeof item === 'string' ? { time: item } : item;
    const raw = entry?.time ?? entry?.['backup-time'];
    // proxmox-backup-client lists backup-time as epoch seconds
    const time = typeof raw === 'number' && Number.isInteger(raw) ? raw : typeof raw === 'string' ? parseIsoDateTime(raw, timeZone) : undefined;
    if (time === undefined) return { ok: false, line: 1, message: `item ${i + 1} has no valid "time" (an ISO 8601 string or epoch seconds)` };
    snapshots.push({ time, protected: entry.protected === true, finished: entry.finished !== false });
  }
  if (snapshots.length === 0) return { ok: false, line: 1, message: 'the JSON backup list is empty' };
  return { ok: true, snapshots };
}
