// Finds the PBS files under the editor's workspace folders, so that workspace diagnostics can
// report files nobody opened (a repository of several /etc/proxmox-backup trees, an Ansible
// role's files/ folder). Bounded: a workspace may be a home directory.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SKIPPED_FOLDERS } from '../service/light.ts';

export interface ScanLimits {
  /** Folder levels below a workspace folder. */
  maxDepth: number;
  /** Directory entries looked at in all, over every folder. */
  maxEntries: number;
}

export const DEFAULT_SCAN_LIMITS: Readonly<ScanLimits> = Object.freeze({ maxDepth: 8, maxEntries: 50_000 });

/** Folders never worth entering: tool caches and dependencies, never PBS configuration. */
const SKIPPED = new Set(SKIPPED_FOLDERS);

export interface ScanResult {
  files: string[];
  /** The limits stopped the scan before it saw everything. */
  truncated: boolean;
}

/**
 * Every file under `folders` for which `isPbsFile` holds, breadth first (shallow files first when
 * the limits cut the scan). Hidden folders (`.git`, …) and symbolic links to folders are not
 * entered, so a link cycle cannot trap the scan; unreadable folders are skipped. Anything that is
 * not a folder counts as a file here (a FIFO, a socket, a link to a device): the reader refuses
 * it with the reason, and workspace diagnostics report that.
 */
export async function scanFolders(folders: readonly string[], isPbsFile: (path: string) => boolean, limits: ScanLimits = DEFAULT_SCAN_LIMITS): Promise<ScanResult> {
  const files: string[] = [];
  let level = [...folders];
  let entries = 0;
  for (let depth = 0; depth <= limits.maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let dirents;
      try {
        dirents = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const d of dirents) {
        if (++entries > limits.maxEntries) return { files, truncated: true };
        const path = join(dir, d.name);
        if (d.isDirectory()) {
          if (!d.name.startsWith('.') && !SKIPPED.has(d.name)) next.push(path);
        } else if (isPbsFile(path)) files.push(path); // a FIFO or device too: reported as unreadable, never read
      }
    }
    if (depth === limits.maxDepth && next.length > 0) return { files, truncated: true };
    level = next;
  }
  return { files, truncated: false };
}
