// Values of a fixed alphabet: UUIDs, SHA-256 digests, OpenSSL cipher lists.
import { charLength, describeChar, fail, isAsciiAlnum, type FormatSpec, type FormatValidator } from './format.ts';

const uuid: FormatValidator = (s) => {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s)) return undefined;
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) {
    return fail('PBS accepts only lower-case hex digits in a UUID', 0, s.length);
  }
  return fail("a UUID is 32 lower-case hex digits as 8-4-4-4-12, e.g. '0b5c8d2e-…'", 0, s.length);
};

const sha256Hex: FormatValidator = (s) =>
  /^[a-f0-9]{64}$/.test(s) ? undefined : fail('expected 64 lower-case hex digits (a SHA-256 digest)', 0, s.length);

const opensslCiphers: FormatValidator = (s) => {
  if (s === '') return fail('the cipher list is empty');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isAsciiAlnum(c) || '_:, +!-@=.'.includes(s[i]))) {
      return fail(`${describeChar(s, i)} is not allowed in an OpenSSL cipher list`, i, charLength(s, i));
    }
  }
  return undefined;
};

export const TOKEN_FORMATS: Readonly<Record<string, FormatSpec>> = {
  uuid: { check: uuid, label: 'UUID' },
  'sha256-hex': { check: sha256Hex, label: 'SHA-256 digest' },
  'openssl-ciphers': { check: opensslCiphers, label: 'OpenSSL cipher list' },
};
