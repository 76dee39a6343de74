// The service's default URI of a path (related locations of diagnostics) is node:url's, without Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { fileUriOf } from '../../../service/diagnostics.ts';

test('an absolute path becomes the file: URI node:url makes of it; a URI stays as it is', () => {
  assert.equal(fileUriOf('/etc/proxmox-backup/sync.cfg'), 'file:///etc/proxmox-backup/sync.cfg');
  assert.equal(fileUriOf('vscode-vfs://github/o/r/sync.cfg'), 'vscode-vfs://github/o/r/sync.cfg');
  assert.equal(fileUriOf('untitled:Untitled-1'), 'untitled:Untitled-1');
  const segment = fc.string({ unit: fc.oneof(fc.constantFrom(...'%\\\n\r\t[]~|^#? "<>`{}äé€😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..'); // (no path holds NUL)
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
      const path = `/${parts.join('/')}`;
      // the URI names the path again; and it is node:url's, except where node:url builds the URL
      // from a string and so loses a C0 control at its end (file:///a for '/a\x0e')
      return fileURLToPath(fileUriOf(path)) === path && (/[\x00-\x1f]$/.test(path) || fileUriOf(path) === pathToFileURL(path).href);
    }),
    { numRuns: 2000 },
  );
});
