// Runs a CommonJS bundle from V8's code cache made by the build: what the two launchers do on
// every start, `pbs-tools` (dist/cli.cjs, cli/launch.ts) and `pbs-language-server`
// (dist/language-server.cjs, server/launch.ts).
//
// Why: compiling JavaScript is the largest part of a short run (~45 ms of the ~160 ms a lint of a
// small tree took, ~20 ms of the language server's ~50 ms to `initialize`; `node -e 0` takes ~20).
// The build runs each bundle once, on the Node that builds, and keeps V8's cache of what it
// compiled beside the bundle (<name>.v8cache; scripts/build.mjs). CommonJS because Node 20 gives
// a code cache to a vm.Script but not to an ES module. A Node other than the building one, or
// other V8 flags, makes V8 reject the cache: the bundle is then compiled as usual, only slower.
// Nothing is ever written at run time, except by the build (PBS_TOOLS_BUILD_CODE_CACHE=1). Node
// ≥ 22 has module.enableCompileCache(); this does the same for Node 20 and keeps the cache beside
// the code it was made from, with that code's owner and trust.
//
// V8 does not check a cache's bytes (a damaged one crashes the process), so each file starts with
// a header: MAGIC, the CRC-32 of V8's data and the CRC-32 of the bundle it was made from. A file
// whose header does not match is not given to V8.
//
// This module imports nothing but Node's: the launchers that bundle it are compiled on every start.
import { closeSync, constants, fstatSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

/**
 * What the build writes around a bundle: CommonJS's own module wrapper, so that the code sees what
 * a required file sees. It is in the file, so that the launcher gives V8 the file's text as it is
 * (adding it at run time made a second copy of a 1.5 MB string for every start).
 */
export const BUNDLE_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const BUNDLE_WRAPPER_TAIL = '\n})';

/** A bundle or cache is a few MB; anything far bigger is not one of ours. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAGIC = Buffer.from('PBS-CC1\n');
const HEADER_BYTES = MAGIC.length + 8;
/** zlib.crc32 came with Node 20.15; without it no cache is used. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The file's bytes, if it is a regular file of a sane size; undefined otherwise. */
export function readRegular(file: string): Buffer | undefined {
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

export interface CachedBundle {
  /** The program's name, for its messages. */
  program: string;
  bundleFile: string;
  /** The bundle's bytes, if the launcher has read them already. */
  bundle?: Buffer;
  cacheFile: string;
  /** Say on stderr whether the cache is used. */
  verbose: boolean;
}

/** Runs the bundle (wrapped by the build in BUNDLE_WRAPPER_*) with its code cache; a missing bundle ends the process with 2. */
export function runCachedBundle({ program, bundleFile, bundle = readRegular(bundleFile), cacheFile, verbose }: CachedBundle): void {
  if (bundle === undefined) {
    process.stderr.write(`${program}: the installation is incomplete: ${bundleFile} is missing or not a file; reinstall pbs-tools (or run 'npm run build')\n`);
    process.exit(2);
  }
  const bundleCrc = crc32?.(bundle);
  const cache = checkedCache(readRegular(cacheFile), bundleCrc);
  // Latin-1, which is the same text for a bundle in ASCII (the build checks it is): for a text this big
  // Node makes it a string outside the JavaScript heap instead of decoding a copy into it.
  const script = new Script(bundle.toString('latin1'), { filename: bundleFile, cachedData: cache.data });

  if (verbose) {
    const state =
      cache.data !== undefined
        ? script.cachedDataRejected
          ? 'rejected (made by another Node or with other V8 flags), compiling'
          : 'used'
        : cache.damaged
          ? 'damaged or made from another bundle, ignored'
          : 'none';
    process.stderr.write(`${program}: code cache ${cacheFile}: ${state}\n`);
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
  (script.runInThisContext() as (...args: unknown[]) => void)(bundleModule.exports, createRequire(bundleFile), bundleModule, bundleFile, dirname(bundleFile));
}
