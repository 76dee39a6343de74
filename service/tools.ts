// The toolbox part of the contract: PBS value grammars (schedules, sizes, time spans) and the
// tool commands behind workspace/executeCommand. It loads no section-config parser, ajv or
// schema, so a CLI subcommand or palette command that needs only these stays quick to start.
// index.ts re-exports all of it.
export { parseCalendarEvent } from '../grammar/calendar-event.ts';
export { calendarEventQuirks, type CalendarQuirk } from '../grammar/calendar-quirks.ts';
export type { CalendarEvent } from '../core/format/calendar-event.ts';
export { parseHumanByte } from '../grammar/human-byte.ts';
export { SIZE_UNIT_FACTOR, type HumanByte, type SizeUnit } from '../core/format/human-byte.ts';
export { parseTimeSpan } from '../grammar/time-span.ts';
export type { TimeSpan } from '../core/format/time-span.ts';
export { runToolCommand, shownArg, ToolCommandError } from './tool-commands.ts';
