// Moments in seconds since the Unix epoch (`x-pbs-unit: epoch`), shown in the local zone and UTC.
// An expiry (`x-pbs-expiry`: user and token `expire`) reads 0 as never and says whether it passed.
import { formatEpoch } from '../../core/format/epoch.ts';
import { formatTimeSpan } from '../../core/format/time-span.ts';
import type { ValueKind } from './value-kind.ts';
import { hasUnit, hintInteger, unitNumber } from './value-kind.ts';

const UNITS = { epoch: 'seconds since the Unix epoch (UTC)' } as const;

export const epoch: ValueKind = {
  name: 'epoch',
  matches: (schema) => hasUnit(schema, UNITS),
  units: UNITS,
  describe(text, schema, hover) {
    const n = unitNumber(text, hover);
    if (n === undefined) return;
    const { w } = hover;
    const expiry = schema['x-pbs-expiry'] === true;
    if (n === 0 && expiry) {
      w.para('0 = never expires.');
      return;
    }
    const e = formatEpoch(n, hover.timeZone);
    if (!e) {
      w.para(`${w.c(String(n))} seconds is beyond any calendar date (past the year 275760)${expiry ? ': in effect this never expires' : ''}.`);
      return;
    }
    w.field('Local', e.local);
    w.field('UTC', e.utc);
    if (expiry) {
      const now = hover.now.getTime() / 1000;
      w.para(n <= now ? 'Expired.' : `Expires in ${formatTimeSpan(n - now)}.`);
    }
  },
  inlayHint(text, schema, timeZone) {
    const n = hintInteger(text);
    if (n === undefined) return undefined;
    if (n === 0 && schema['x-pbs-expiry'] === true) return { label: '= never' };
    const e = formatEpoch(n, timeZone);
    return e ? { label: `= ${e.local.replace('T', ' ')}`, tooltip: `${e.utc} (UTC)` } : undefined;
  },
};
