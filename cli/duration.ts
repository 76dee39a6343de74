// `pbs-tools duration VALUE...`: what a PBS time span (media-pool retention, ...) amounts to.
import { parseTimeSpan, type TimeSpan } from '../service/tools.ts';
import { formatTimeSpanValue } from '../core/format/time-span.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Subcommand } from './io.ts';
import { parseCommandArgs } from './args.ts';

const USAGE = `usage: pbs-tools duration VALUE...

For each PBS time span (e.g. '90m', '1d 12h', '2weeks', '300ms20s 5day') prints the total in
seconds and the normalized form PBS displays. Units (case-sensitive): y/year(s) (365.25 days),
M/month(s) (30.44 days), w/week(s), d/day(s), h/hr/hour(s), m/min/minute(s), s/sec/second(s),
ms/msec, us/usec/µs, ns/nsec; a number without a unit is seconds. Whole numbers only.

Exit status: 0 when every value is valid, 1 otherwise.
`;

/** Total seconds as an exact decimal: whole seconds and up to nine fraction digits. */
function exactSeconds(ts: TimeSpan): string {
  const p = ts.parts;
  const whole =
    BigInt(p.years) * 31_557_600n + BigInt(p.months) * 2_630_016n + BigInt(p.weeks) * 604_800n + BigInt(p.days) * 86_400n +
    BigInt(p.hours) * 3_600n + BigInt(p.minutes) * 60n + BigInt(p.seconds);
  if (ts.nanos === 0) return String(whole);
  return `${whole}.${String(ts.nanos).padStart(9, '0').replace(/0+$/, '')}`;
}

export const run: Subcommand = async (args, io) => {
  const parsed = parseCommandArgs(args, {}, USAGE, io, 'duration');
  if (!parsed) return EXIT_OK;
  if (parsed.positionals.length === 0) throw new CliError(`missing a time span, e.g. pbs-tools duration '1d 12h'\n\n${USAGE}`, EXIT_USAGE);
  let code = EXIT_OK;
  for (const value of parsed.positionals) {
    const r = parseTimeSpan(value);
    if (!r.ok) {
      io.stderr.write(`pbs-tools duration: '${value}' is not a valid time span (column ${r.offset + 1}): ${r.message}\n`);
      code = EXIT_FAILURE;
      continue;
    }
    io.stdout.write(`${value}: ${exactSeconds(r.value)} s = ${formatTimeSpanValue(r.value)}\n`);
  }
  return code;
};
