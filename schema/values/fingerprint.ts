// SHA-256 certificate fingerprints (`aa:bb:…`, 32 byte pairs), as PBS pins a remote's certificate.
import { fail } from '../formats/format.ts';
import type { ValueKind } from './value-kind.ts';

export const fingerprint: ValueKind = {
  name: 'fingerprint',
  matches: (schema) => schema.format === 'sha256-fingerprint',
  formats: {
    'sha256-fingerprint': {
      label: 'SHA-256 fingerprint',
      check: (s) => {
        if (/^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){31}$/.test(s)) return undefined;
        if (/^[0-9a-fA-F]{64}$/.test(s)) return fail("write the fingerprint as 32 hex byte pairs separated by ':' (aa:bb:…)", 0, s.length);
        return fail("a SHA-256 fingerprint is 32 hex byte pairs separated by ':' (aa:bb:…:ff)", 0, s.length);
      },
    },
  },
  describe(text, _schema, { w, label }) {
    w.title(text, label);
    const hex = text.replace(/:/g, '');
    w.para(/^[0-9a-fA-F]{64}$/.test(hex) ? `SHA-256 fingerprint (32 bytes): ${w.c(hex.toLowerCase().replace(/(..)(?!$)/g, '$1:'))}` : 'Not a SHA-256 fingerprint (32 hex byte pairs separated by `:`).');
  },
};
