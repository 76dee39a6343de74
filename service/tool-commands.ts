// PBS's toolbox as editor commands (workspace/executeCommand), so that every editor gets what the
// VS Code palette has: SHA-256 of a file, what a key file or certificate says, the next runs of a
// schedule. Each takes JSON arguments and returns plain JSON, or throws a ToolCommandError whose
// message says what is wrong and how to fix it. No command ever needs or shows a secret.
import { readFile, stat } from 'node:fs/promises';
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { formatEpoch, parseIsoDateTime } from '../core/format/epoch.ts';
import { nextRuns } from '../core/format/next-runs.ts';
import { sha256File } from '../core/crypto/sha256.ts';
import { KeyConfigError, keyInfo, readKeyConfig } from '../core/crypto/key-config.ts';
import { CertError, certInfo } from '../core/crypto/cert.ts';
import { TOOL_COMMANDS } from './tool-command-names.ts';

export class ToolCommandError extends Error {}


/** The most runs one call returns. */
const MAX_RUNS = 100;
/** Certificates are small; anything bigger is not one. */
const MAX_PEM_BYTES = 1 << 20;

function pathArg(command: string, args: unknown[]): string {
  const path = args[0];
  if (typeof path !== 'string' || path === '') {
    throw new ToolCommandError(`${command}: the first argument must be a file path (a string), got ${JSON.stringify(path) ?? 'nothing'}`);
  }
  return path.startsWith('file://') ? decodeURIComponent(new URL(path).pathname) : path;
}

function fileError(err: unknown, path: string, what: string): ToolCommandError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ToolCommandError(`${what} '${path}' does not exist; check the path`);
  if (code === 'EACCES' || code === 'EPERM') return new ToolCommandError(`${what} '${path}' cannot be read: permission denied`);
  if (code === 'EISDIR') return new ToolCommandError(`'${path}' is a folder, not a ${what}`);
  return new ToolCommandError(`${what} '${path}' cannot be read: ${(err as Error).message}`);
}

export async function runToolCommand(command: string, args: unknown[] = [], now = new Date()): Promise<unknown> {
  switch (command) {
    case 'pbs.server.sha256': {
      const path = pathArg(command, args);
      try {
        const r = await sha256File(path);
        return { path, sha256: r.hex, size: r.bytes };
      } catch (err) {
        throw fileError(err, path, 'file');
      }
    }
    case 'pbs.server.keyInfo': {
      const path = pathArg(command, args);
      try {
        return { path, ...keyInfo(await readKeyConfig(path)) };
      } catch (err) {
        if (err instanceof KeyConfigError) throw new ToolCommandError(`key file '${path}': ${err.message}`);
        throw fileError(err, path, 'key file');
      }
    }
    case 'pbs.server.certInfo': {
      const path = pathArg(command, args);
      let pem: string;
      try {
        const st = await stat(path);
        if (st.isFile() && st.size > MAX_PEM_BYTES) throw new ToolCommandError(`'${path}' is ${st.size} bytes: too big for a PEM certificate`);
        pem = await readFile(path, 'utf8');
      } catch (err) {
        if (err instanceof ToolCommandError) throw err;
        throw fileError(err, path, 'certificate file');
      }
      try {
        const info = certInfo(pem, now);
        return { path, ...info, notBefore: info.notBefore.toISOString(), notAfter: info.notAfter.toISOString() };
      } catch (err) {
        if (err instanceof CertError) throw new ToolCommandError(`'${path}': ${err.message}`);
        throw err;
      }
    }
    case 'pbs.server.nextRuns': {
      const [schedule, count = 5, fromIso] = args;
      if (typeof schedule !== 'string') throw new ToolCommandError(`${command}: the first argument must be a schedule (calendar event) string, e.g. "daily" or "mon..fri 02:30"`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RUNS) {
        throw new ToolCommandError(`${command}: the count must be a whole number from 1 to ${MAX_RUNS}, got ${JSON.stringify(count)}`);
      }
      let from = now;
      if (fromIso !== undefined && fromIso !== null) {
        const epoch = typeof fromIso === 'string' ? parseIsoDateTime(fromIso) : undefined;
        if (epoch === undefined) throw new ToolCommandError(`${command}: '${String(fromIso)}' is not an ISO 8601 date or date-time (e.g. 2026-01-31T02:00)`);
        from = new Date(epoch * 1000);
      }
      const parsed = parseCalendarEvent(schedule);
      if (!parsed.ok) throw new ToolCommandError(`'${schedule}' is not a PBS schedule: ${parsed.message} (at character ${parsed.offset + 1})`);
      const runs = nextRuns(parsed.value, from, count).map((d) => {
        // next runs are Dates, always within the calendar
        const e = formatEpoch(Math.floor(d.getTime() / 1000))!;
        return { local: e.local, utc: e.utc };
      });
      return { schedule, meaning: describeCalendarEvent(parsed.value), runs };
    }
    default:
      throw new ToolCommandError(`unknown command '${command}'; this server has ${TOOL_COMMANDS.join(', ')}`);
  }
}
