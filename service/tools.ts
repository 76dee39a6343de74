// The toolbox part of the contract: PBS value grammars (schedules, sizes, time spans) and the
// tool commands behind workspace/executeCommand. It loads no section-config parser, ajv or
// schema, so a CLI subcommand or palette command that needs only these stays quick to start.
// index.ts re-exports all of it.
export {
  parseCalendarEvent,
  calendarEventQuirks,
  type CalendarEvent,
  type CalendarQuirk,
} from '../grammar/calendar-event.ts';
export { parseHumanByte, SIZE_UNIT_FACTOR, type HumanByte, type SizeUnit } from '../grammar/human-byte.ts';
export { parseTimeSpan, type TimeSpan } from '../grammar/time-span.ts';
export { runToolCommand, ToolCommandError } from './tool-commands.ts';
