// The job-calendar part of the contract: the jobs of a configuration's files, their runs, the
// overlaps and never-runs, the calendar as JSON, text and picture, and the prune picture. It loads
// the section-config grammar but no ajv or schema (scheduledJobsOfTexts and pruneJobsOfText parse
// without checking), so `pbs-tools calendar` and `prune simulate` do not load the whole service.
// index.ts re-exports all of it.
export { jobCalendar, pruneJobsOfText, scheduledJobsOfTexts, type JobCalendar, type ScheduledJob } from './job-calendar.ts';
export { agenda, calendarJson, calendarJsonText } from './job-calendar-report.ts';
export { calendarSvg } from './pictures/calendar-svg.ts';
export { pruneSvg, type PruneSvgOptions } from './pictures/prune-svg.ts';
export { xmlText } from './pictures/svg.ts';
export type { FileText } from './workspace.ts';
