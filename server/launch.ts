#!/usr/bin/env node
// What `pbs-language-server` starts with (dist/language-server.cjs, the package's bin): runs the
// Node server (server/main.ts as one CommonJS bundle, dist/language-server/server.cjs) from the
// V8 code cache the build made by starting it as an editor does (initialize, shutdown, exit:
// dist/language-server/server.v8cache; scripts/server-code-cache.mjs says why the start only,
// core/code-cache.ts why and how).
// Compiling was ~20 ms of the ~50 ms an editor waited for `initialize`.
//
// VS Code does not start this: its extension runs dist/server.js (ES modules, split into lazily
// loaded chunks) in Electron's Node, whose V8 would reject a cache made by another Node.
//
// This file imports nothing of the project's but core/code-cache.ts: whatever it imports is
// compiled on every start.
import { join } from 'node:path';
import { runCachedBundle } from '../core/code-cache.ts';

const DIR = join(__dirname, 'language-server');
runCachedBundle({
  program: 'pbs-language-server',
  bundleFile: join(DIR, 'server.cjs'),
  cacheFile: join(DIR, 'server.v8cache'),
  // server/main.ts ignores --verbose: only this says something about it
  verbose: process.argv.includes('--verbose'),
});
