// PBS's toolbox as editor commands (workspace/executeCommand), so that every editor gets what the
// VS Code palette has: SHA-256 of a file, what a key file or certificate says, the next runs of a
// schedule. Each takes JSON arguments and returns plain JSON, or throws a ToolCommandError whose
// message says what is wrong and how to fix it. No command ever needs or shows a secret.
//
// Files are read as every front reads them (core/fs): regular files only — a FIFO or a link to
// /dev/zero is refused at once, not read forever — and capped; a failure is worded by
// fileErrorMessage. A long command (SHA-256 of a big file) stops when `signal` aborts.
import { fileURLToPath } from 'node:url';
import { READ_LIMITS, fileErrorMessage, quotePath, readRegularTextFile } from '../core/fs/read-file.ts';
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { formatEpoch, parseIsoDateTime } from '../core/format/epoch.ts';
import { nextRuns } from '../core/format/next-runs.ts';
import { isKnownTimeZone } from '../core/format/zone-clock.ts';
import { sha256File } from '../core/crypto/sha256.ts';
import { KeyConfigError, keyInfo, readKeyConfig } from '../core/crypto/key-config.ts';
import { CertError, certInfo } from '../core/crypto/cert.ts';
import { TOOL_COMMANDS } from './tool-command-names.ts';

export class ToolCommandError extends Error {}

/** The most runs one call returns. */
const MAX_RUNS = 100;
/** The longest schedule accepted (PBS's own are a few dozen characters). */
const MAX_SCHEDULE_LENGTH = 1024;

/** An argument as a message quotes it: short, control characters escaped. */
function shown(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v)?.slice(0, 80) ?? 'nothing';
  return quotePath(v.length > 80 ? `${v.slice(0, 80)}…` : v);
}

function pathArg(command: string, args: unknown[]): string {
  const path = args[0];
  if (typeof path !== 'string' || path === '') {
    throw new ToolCommandError(`${command}: the first argument must be a file path (a string), got ${shown(path)}`);
  }
  if (!path.startsWith('file:')) return path;
  try {
    return fileURLToPath(path);
  } catch {
    throw new ToolCommandError(`${command}: ${shown(path)} is not a file URI of this machine; give a path or a file:///… URI`);
  }
}

/** A failed read as a ToolCommandError; an abort (the request was cancelled) passes through. */
function fileError(err: unknown, path: string, what: string, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return err;
  return new ToolCommandError(fileErrorMessage(err, path, what));
}

/**
 * Runs a toolbox command; `signal` stops a long one (the promise then rejects with its reason).
 * `timeZone` is the zone runs are computed in when the arguments name none (the editor's
 * pbs.timeZone; default: this process's).
 */
export async function runToolCommand(command: string, args: unknown[] = [], now = new Date(), signal?: AbortSignal, timeZone?: string): Promise<unknown> {
  switch (command) {
    case 'pbs.server.sha256': {
      const path = pathArg(command, args);
      try {
        const r = await sha256File(path, { signal });
        return { path, sha256: r.hex, size: r.bytes };
      } catch (err) {
        throw fileError(err, path, 'file', signal);
      }
    }
    case 'pbs.server.keyInfo': {
      const path = pathArg(command, args);
      try {
        // (a key file is read whole, at most READ_LIMITS.keyFile; no KDF runs without a passphrase)
        const config = await readKeyConfig(path);
        signal?.throwIfAborted();
        return { path, ...keyInfo(config) };
      } catch (err) {
        if (err instanceof KeyConfigError) throw new ToolCommandError(`key file ${quotePath(path)}: ${err.message}`);
        throw fileError(err, path, 'key file', signal);
      }
    }
    case 'pbs.server.certInfo': {
      const path = pathArg(command, args);
      let pem: string;
      try {
        pem = await readRegularTextFile(path, { maxBytes: READ_LIMITS.pemFile, what: 'certificate file', signal });
      } catch (err) {
        throw fileError(err, path, 'certificate file', signal);
      }
      try {
        const info = certInfo(pem, now);
        return { path, ...info, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() };
      } catch (err) {
        if (err instanceof CertError) throw new ToolCommandError(`certificate file ${quotePath(path)}: ${err.message}`);
        throw err;
      }
    }
    case 'pbs.server.nextRuns': {
      const [schedule, count = 5, fromIso, zoneArg] = args;
      if (typeof schedule !== 'string') throw new ToolCommandError(`${command}: the first argument must be a schedule (calendar event) string, e.g. "daily" or "mon..fri 02:30"`);
      if (schedule.length > MAX_SCHEDULE_LENGTH) throw new ToolCommandError(`${command}: the schedule is ${schedule.length} characters long; a PBS schedule has at most ${MAX_SCHEDULE_LENGTH}`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RUNS) {
        throw new ToolCommandError(`${command}: the count must be a whole number from 1 to ${MAX_RUNS}, got ${shown(count)}`);
      }
      if (zoneArg !== undefined && zoneArg !== null && (typeof zoneArg !== 'string' || !isKnownTimeZone(zoneArg))) {
        throw new ToolCommandError(`${command}: the fourth argument is the server's time zone, an IANA name such as Europe/Vienna or UTC, got ${shown(zoneArg)}`);
      }
      const zone = typeof zoneArg === 'string' ? zoneArg : timeZone;
      let from = now;
      if (fromIso !== undefined && fromIso !== null) {
        const epoch = typeof fromIso === 'string' ? parseIsoDateTime(fromIso, zone) : undefined;
        if (epoch === undefined) throw new ToolCommandError(`${command}: ${shown(fromIso)} is not an ISO 8601 date or date-time (e.g. 2026-01-31T02:00)`);
        from = new Date(epoch * 1000);
      }
      const parsed = parseCalendarEvent(schedule);
      if (!parsed.ok) throw new ToolCommandError(`${shown(schedule)} is not a PBS schedule: ${parsed.message} (at character ${parsed.offset + 1})`);
      const runs = nextRuns(parsed.value, from, count, zone).map((d) => {
        // next runs are Dates, always within the calendar
        const e = formatEpoch(Math.floor(d.getTime() / 1000), zone)!;
        return { local: e.local, utc: e.utc };
      });
      return { schedule, meaning: describeCalendarEvent(parsed.value), runs };
    }
    default:
      throw new ToolCommandError(`unknown command ${shown(command)}; this server has ${TOOL_COMMANDS.join(', ')}`);
  }
}
