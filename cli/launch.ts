#!/usr/bin/env node
// What `pbs-tools` starts with (dist/cli.cjs; CommonJS, since an ES module entry costs Node ~7 ms
// more): runs the bundle of the command given (dist/cli/<command>.cjs: cli/main.ts with that one
// command; dist/cli/main.cjs, with none, for help and unknown commands) from V8's code cache.
//
// Why: compiling JavaScript was the largest part of a short run (~45 ms of the ~160 ms a lint of
// a small tree took; `node -e 0` takes ~25). The build runs every command once and keeps V8's
// cache of what it compiled (dist/cli/<command>.v8cache, scripts/build.mjs). A bundle per command
// keeps both small: what V8 reads and deserializes at start grows with the whole bundle. A Node
// other than the building one, or other V8 flags, makes V8 reject the cache: the bundle is then
// compiled as usual, only slower. Nothing is ever written at run time, except by the build
// (PBS_TOOLS_BUILD_CODE_CACHE=1). Node ≥ 22 has module.enableCompileCache(); this does the same
// for Node 20 and keeps the cache beside the code it was made from, with that code's owner and trust.
//
// V8 does not check a cache's bytes (a damaged one crashes the process), so each file starts with
// a header: MAGIC, the CRC-32 of V8's data and the CRC-32 of the bundle it was made from. A file
// whose header does not match is not given to V8.
//
// This file imports none of the project's modules but command-line.ts (the argument reading it
// shares with main.ts): whatever it imports is compiled on every start.
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import { verboseFlag } from './command-line.ts';

const BUNDLES = join(__dirname, 'cli');
/** A bundle or cache is a few MB; anything far bigger is not one of ours. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAGIC = Buffer.from('PBS-CC1\n');
const HEADER_BYTES = MAGIC.length + 8;
/** zlib.crc32 came with Node 20.15; without it no cache is used. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The file's bytes, if it is a regular file of a sane size; undefined otherwise. */
function readRegular(file: string): Buffer | undefined {
  let fd: number;
  try {
    // As core/fs/read-file.ts: looked at before it is opened, opened without waiting (a FIFO put
    // in its place would otherwise hold the start forever), and looked at again once open.
    if (!statSync(file).isFile()) return undefined;
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size === 0 || st.size > MAX_FILE_BYTES) return undefined;
    const data = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, data, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === st.size ? data : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** V8's data from a cache file, if its header says it is whole and made from this bundle. */
function checkedCache(file: Buffer | undefined, bundleCrc: number | undefined): { data?: Buffer; damaged: boolean } {
  if (file === undefined || crc32 === undefined || bundleCrc === undefined) return { damaged: false };
  const data = file.subarray(HEADER_BYTES);
  const whole =
    file.length > HEADER_BYTES &&
    file.subarray(0, MAGIC.length).equals(MAGIC) &&
    file.readUInt32LE(MAGIC.length) === crc32(data) &&
    file.readUInt32LE(MAGIC.length + 4) === bundleCrc;
  return whole ? { data, damaged: false } : { damaged: true };
}

const argv = process.argv.slice(2);
const { verbose, args } = verboseFlag(argv);
// A name that could leave the folder never names a file; a command without a bundle gets main's.
const named = args[0] !== undefined && /^[a-z][a-z0-9-]{0,31}$/.test(args[0]) && args[0] !== 'main' ? args[0] : undefined;
const commandBundle = named === undefined ? undefined : readRegular(join(BUNDLES, `${named}.cjs`));
const name = commandBundle === undefined ? 'main' : named!;
const BUNDLE = join(BUNDLES, `${name}.cjs`);
const cacheFile = join(BUNDLES, `${name}.v8cache`);
const bundle = commandBundle ?? readRegular(BUNDLE);
if (bundle === undefined) {
  process.stderr.write(`pbs-tools: the installation is incomplete: ${BUNDLE} is missing or not a file; reinstall pbs-tools (or run 'npm run build')\n`);
  process.exit(2);
}
const bundleCrc = crc32?.(bundle);
const cache = checkedCache(readRegular(cacheFile), bundleCrc);
// The bundle is CommonJS's wrapper around the code (cli/bundle-wrapper.ts, written by the build),
// so that the code sees what a required file sees.
// Latin-1, which is the same text for a bundle in ASCII (the build checks it is): for a text this big
// Node makes it a string outside the JavaScript heap instead of decoding a copy into it.
const source = bundle.toString('latin1');
const script = new Script(source, { filename: BUNDLE, cachedData: cache.data });

if (verbose) {
  const state =
    cache.data !== undefined
      ? script.cachedDataRejected
        ? 'rejected (made by another Node or with other V8 flags), compiling'
        : 'used'
      : cache.damaged
        ? 'damaged or made from another bundle, ignored'
        : 'none';
  process.stderr.write(`pbs-tools: code cache ${cacheFile}: ${state}\n`);
}

if (process.env.PBS_TOOLS_BUILD_CODE_CACHE === '1' && crc32 !== undefined && bundleCrc !== undefined) {
  // At exit, V8's cache holds everything this run compiled, not only the top level.
  process.on('exit', () => {
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header);
    header.writeUInt32LE(crc32(data), MAGIC.length);
    header.writeUInt32LE(bundleCrc, MAGIC.length + 4);
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([header, data]));
    renameSync(temporary, cacheFile);
  });
}

const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundleModule.exports, createRequire(BUNDLE), bundleModule, BUNDLE, dirname(BUNDLE));
