// Secrets PBS keeps base64-encoded in a section-config file and decodes when it loads the section
// (`x-pbs-base64` on the property): remote.cfg `password` (proxmox-serde `string_as_base64`:
// standard alphabet) and acme/plugins.cfg `data` (`string_as_base64url_nopad`: URL-safe alphabet).
// Both decode with proxmox-base64's padding-indifferent engine (base64 crate, GeneralPurpose,
// `DecodePaddingMode::Indifferent`, trailing bits must be zero) and then need the bytes to be
// UTF-8 (`String::from_utf8`); a failure makes the section fail to load ("base64 decode: error
// decoding base64 data", "utf8 decode: invalid utf-8 sequence …"). Measured against PBS's own
// code (pbs-verdict): `YQ`, `YQ=`, `YQ==` decode; `YQ===`, `YWJj=`, `YWI==`, `YR==`, `Y`, `=` do not.

export type Base64Alphabet = 'standard' | 'url';

export interface Base64Failure {
  reason: string;
  /** Where in the value the problem is (length 0: at that point). */
  offset: number;
  length: number;
}

function sextet(c: number, alphabet: Base64Alphabet): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (alphabet === 'standard') {
    if (c === 43) return 62; // +
    if (c === 47) return 63; // /
  } else {
    if (c === 45) return 62; // -
    if (c === 95) return 63; // _
  }
  return -1;
}

/** Why PBS cannot decode `value` (base64, then UTF-8), or undefined when it can. */
export function base64SecretFailure(value: string, alphabet: Base64Alphabet): Base64Failure | undefined {
  const name = alphabet === 'standard' ? 'base64' : 'URL-safe base64';
  let end = value.indexOf('=');
  if (end < 0) end = value.length;
  for (let i = 0; i < end; i++) {
    if (sextet(value.charCodeAt(i), alphabet) < 0) return { reason: `it is not ${name}: a character outside its alphabet`, offset: i, length: 1 };
  }
  for (let i = end; i < value.length; i++) {
    if (value.charCodeAt(i) !== 61) return { reason: `it is not ${name}: text after the '=' padding`, offset: i, length: value.length - i };
  }
  const rest = end % 4;
  if (rest === 1) return { reason: `it is not ${name}: one character too many or too few (a length of 4n+1 never decodes)`, offset: end - 1, length: 1 };
  const padding = value.length - end;
  // padding is optional, but may not go beyond the group it completes
  if (padding > 0 && (rest === 0 || rest + padding > 4)) {
    return { reason: `it is not ${name}: ${padding} '=' where ${rest === 0 ? 'none' : `at most ${4 - rest}`} may stand`, offset: end, length: padding };
  }
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    acc = (acc << 6) | sextet(value.charCodeAt(i), alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  if (acc !== 0) {
    return { reason: `it is not ${name}: the last character has bits set that no byte uses (the text was cut or changed)`, offset: end - 1, length: 1 };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) return { reason: `it decodes, but byte ${bad} of the result is not UTF-8 text, which PBS requires`, offset: Math.floor((bad * 4) / 3), length: Math.min(2, end - Math.floor((bad * 4) / 3)) };
  return undefined;
}

/** Index of the first byte that starts an invalid or incomplete UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: number[]): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
