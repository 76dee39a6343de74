// The job-calendar part of the contract: the jobs of a configuration's files, their runs, the
// overlaps and never-runs, and the calendar as JSON, text and picture. It loads the section-config
// grammar but no ajv or schema (scheduledJobsOfTexts parses without checking), so
// `pbs-tools calendar` does not load the whole service. index.ts re-exports all of it.
export { jobCalendar, scheduledJobsOfTexts, type JobCalendar, type ScheduledJob } from './job-calendar.ts';
export { agenda, calendarJson, calendarJsonText } from './job-calendar-report.ts';
export { calendarSvg } from './pictures/calendar-svg.ts';
export { xmlText } from './pictures/svg.ts';
export type { FileText } from './workspace.ts';
