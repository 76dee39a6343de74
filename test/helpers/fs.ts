// File-system facts tests need to know about the machine they run on.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether a file with mode 000 really cannot be read here. Root reads files whatever their mode,
 * so tests of "unreadable file" assert what actually happens on this machine.
 */
export function permissionsEnforced(dir: string): boolean {
  const probe = join(dir, '.probe');
  writeFileSync(probe, 'x');
  chmodSync(probe, 0);
  try {
    readFileSync(probe);
    return false;
  } catch {
    return true;
  }
}
