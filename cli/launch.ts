#!/usr/bin/env node
// What `pbs-tools` starts with (dist/cli.cjs; CommonJS, since an ES module entry costs Node ~7 ms
// more): runs the bundle of the command given (dist/cli/<command>.cjs: cli/main.ts with that one
// command; dist/cli/main.cjs, with none, for help and unknown commands) from V8's code cache
// (dist/cli/<command>.v8cache; core/code-cache.ts says why and how). A bundle per command keeps
// both small: what V8 reads and deserializes at start grows with the whole bundle.
//
// This file imports none of the project's modules but command-line.ts (the argument reading it
// shares with main.ts) and core/code-cache.ts: whatever it imports is compiled on every start.
import { join } from 'node:path';
import { readRegular, runCachedBundle } from '../core/code-cache.ts';
import { verboseFlag } from './command-line.ts';

const BUNDLES = join(__dirname, 'cli');

const { verbose, args } = verboseFlag(process.argv.slice(2));
// A name that could leave the folder never names a file; a command without a bundle gets main's.
const named = args[0] !== undefined && /^[a-z][a-z0-9-]{0,31}$/.test(args[0]) && args[0] !== 'main' ? args[0] : undefined;
const commandBundle = named === undefined ? undefined : readRegular(join(BUNDLES, `${named}.cjs`));
const name = commandBundle === undefined ? 'main' : named!;
runCachedBundle({ program: 'pbs-tools', bundleFile: join(BUNDLES, `${name}.cjs`), bundle: commandBundle, cacheFile: join(BUNDLES, `${name}.v8cache`), verbose });
