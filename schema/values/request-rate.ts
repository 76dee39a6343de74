// Request rates (`x-pbs-unit: requests-per-second`, s3.cfg `put-rate-limit`), where 0 is no limit.
import type { ValueKind } from './value-kind.ts';
import { hasUnit, unitNumber } from './value-kind.ts';

const UNITS = { 'requests-per-second': 'requests per second' } as const;

export const requestRate: ValueKind = {
  name: 'request-rate',
  matches: (schema) => hasUnit(schema, UNITS),
  units: UNITS,
  describe(text, _schema, hover) {
    const n = unitNumber(text, hover);
    if (n !== undefined) hover.w.para(`${n} request${n === 1 ? '' : 's'} per second${n === 0 ? ' (0 = unlimited)' : ''}`);
  },
};
