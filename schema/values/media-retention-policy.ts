// A media pool's retention: `keep`, `overwrite`, or a time span after which tapes may be
// overwritten (pbs-api-types RetentionPolicy).
import { parseTimeSpan } from '../../grammar/time-span.ts';
import { fail, memo } from '../formats/format.ts';
import { spanHint, spanLines } from './time-span.ts';
import type { ValueKind } from './value-kind.ts';

const EXAMPLES = ['keep', 'overwrite', '30 days', '1 week', '6 months'];

export const mediaRetentionPolicy: ValueKind = {
  name: 'media-retention-policy',
  matches: (schema) => schema.format === 'media-retention-policy',
  formats: {
    'media-retention-policy': {
      label: 'retention policy',
      code: 'invalid-time-span',
      check: memo((s) => {
        if (s === 'overwrite' || s === 'keep') return undefined;
        const r = parseTimeSpan(s);
        if (r.ok) return undefined;
        return fail(`expected 'overwrite', 'keep' or a time span: ${r.message}`, r.offset, r.length);
      }),
    },
  },
  describe(text, _schema, { w, label }) {
    w.title(text, label);
    if (text === 'keep') w.para('Written tapes are kept (protected) forever.');
    else if (text === 'overwrite') w.para('Written tapes may be overwritten at once.');
    else spanLines(w, text);
  },
  inlayHint: (text) => (text === 'keep' || text === 'overwrite' ? undefined : spanHint(text)),
  complete: (schema) => EXAMPLES.map((label) => ({ label, kind: 'value', detail: schema.format })),
};
