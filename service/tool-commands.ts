// PBS's toolbox as editor commands (workspace/executeCommand), so that every editor gets what the
// VS Code palette has. Each takes JSON arguments and returns plain JSON, or throws a
// ToolCommandError whose message says what is wrong and how to fix it. No command ever needs or
// shows a secret.
//
// Here are the commands on values alone, which run wherever the service runs (the Web Worker
// server too). The commands that read a file from disk (SHA-256, key file, certificate) are the
// Node server's: server/file-commands.ts, which uses `shownArg` and ToolCommandError from here.
import { quotePath } from '../core/fs/read-errors.ts';
import { parseCalendarEvent } from '../grammar/calendar-event.ts';
import { describeCalendarEvent } from '../core/format/calendar-describe.ts';
import { formatEpoch, parseIsoDateTime } from '../core/format/epoch.ts';
import { nextRuns } from '../core/format/next-runs.ts';
import { isKnownTimeZone } from '../core/format/zone-clock.ts';
import { PORTABLE_TOOL_COMMANDS } from './tool-command-names.ts';

export class ToolCommandError extends Error {}

/** The most runs one call returns. */
const MAX_RUNS = 100;
/** The longest schedule accepted (PBS's own are a few dozen characters). */
const MAX_SCHEDULE_LENGTH = 1024;

/** An argument as a message quotes it: short, control characters escaped. */
export function shownArg(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v)?.slice(0, 80) ?? 'nothing';
  return quotePath(v.length > 80 ? `${v.slice(0, 80)}…` : v);
}

/**
 * Runs a toolbox command on values. `timeZone` is the zone runs are computed in when the arguments
 * name none (the editor's pbs.timeZone; default: this process's). `offered` names every command
 * the calling server has, for the message on an unknown one.
 */
export async function runToolCommand(command: string, args: unknown[] = [], now = new Date(), timeZone?: string, offered: readonly string[] = PORTABLE_TOOL_COMMANDS): Promise<unknown> {
  switch (command) {
    case 'pbs.server.nextRuns': {
      const [schedule, count = 5, fromIso, zoneArg] = args;
      if (typeof schedule !== 'string') throw new ToolCommandError(`${command}: the first argument must be a schedule (calendar event) string, e.g. "daily" or "mon..fri 02:30"`);
      if (schedule.length > MAX_SCHEDULE_LENGTH) throw new ToolCommandError(`${command}: the schedule is ${schedule.length} characters long; a PBS schedule has at most ${MAX_SCHEDULE_LENGTH}`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RUNS) {
        throw new ToolCommandError(`${command}: the count must be a whole number from 1 to ${MAX_RUNS}, got ${shownArg(count)}`);
      }
      if (zoneArg !== undefined && zoneArg !== null && (typeof zoneArg !== 'string' || !isKnownTimeZone(zoneArg))) {
        throw new ToolCommandError(`${command}: the fourth argument is the server's time zone, an IANA name such as Europe/Vienna or UTC, got ${shownArg(zoneArg)}`);
      }
      const zone = typeof zoneArg === 'string' ? zoneArg : timeZone;
      let from = now;
      if (fromIso !== undefined && fromIso !== null) {
        const epoch = typeof fromIso === 'string' ? parseIsoDateTime(fromIso, zone) : undefined;
        if (epoch === undefined) throw new ToolCommandError(`${command}: ${shownArg(fromIso)} is not an ISO 8601 date or date-time (e.g. 2026-01-31T02:00)`);
        from = new Date(epoch * 1000);
      }
      const parsed = parseCalendarEvent(schedule);
      if (!parsed.ok) throw new ToolCommandError(`${shownArg(schedule)} is not a PBS schedule: ${parsed.message} (at character ${parsed.offset + 1})`);
      const runs = nextRuns(parsed.value, from, count, zone).map((d) => {
        // next runs are Dates, always within the calendar
        const e = formatEpoch(Math.floor(d.getTime() / 1000), zone)!;
        return { local: e.local, utc: e.utc };
      });
      return { schedule, meaning: describeCalendarEvent(parsed.value), runs };
    }
    default:
      throw new ToolCommandError(`unknown command ${shownArg(command)}; this server has ${offered.join(', ')}`);
  }
}
