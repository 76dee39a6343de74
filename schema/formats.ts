// Every PBS string format (reference schema.json → formats) as a named check: undefined when the
// value is fine, or a reason an admin can act on plus where in the value the problem starts.
//
// The checks restate PBS's regexes and verify functions as hand-written scanners, so each runs in
// time linear in the value and can point at the offending character. Where PBS accepts a value
// in the parser but fails when it loads or uses it (a realm longer than 32 characters, a CIDR
// prefix of 33), the check fails too and says so: the file is then broken all the same.
import { parseDailyDuration } from '../grammar/daily-duration.ts';
import { parsePropertyString } from '../grammar/property-string.ts';
import { isRustWhitespace } from '../grammar/line-rules.ts';
import type { DiagnosticCode } from './problem.ts';
import { charLength, describeChar, fail, fromParse, isAsciiAlnum, isControl, isDigit, isHex, memo, type FormatFailure, type FormatHint, type FormatSpec, type FormatValidator } from './formats/format.ts';
import { VALUE_KINDS } from './values/index.ts';
import { humanByteCheck as humanByte } from './values/size.ts';

export { describeChar, type FormatFailure, type FormatHint, type FormatValidator } from './formats/format.ts';

// ---------------------------------------------------------------------------------------------
// Names

/** PROXMOX_SAFE_ID: `[A-Za-z0-9_][A-Za-z0-9._-]*`. Returns the failure for `what` ("a name"). */
function safeIdFailure(s: string, what = 'name'): FormatFailure | undefined {
  return safeIdRangeFailure(s, 0, s.length, what);
}

/** safe-id check of `s[start, end)`; offsets in the failure are into `s`. */
function safeIdRangeFailure(s: string, start: number, end: number, what: string): FormatFailure | undefined {
  if (start === end) return fail(`an empty ${what} is not allowed`, start, 0);
  const c0 = s.charCodeAt(start);
  if (!(isAsciiAlnum(c0) || c0 === 95)) {
    return fail(`a ${what} must start with a letter, a digit or '_', not ${describeChar(s, start)}`, start, charLength(s, start));
  }
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!(isAsciiAlnum(c) || c === 95 || c === 46 || c === 45)) {
      return fail(`${describeChar(s, i)} is not allowed in a ${what} (only letters, digits, '.', '_' and '-')`, i, charLength(s, i));
    }
  }
  return undefined;
}

function firstControl(s: string): number {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return i;
  return -1;
}

const CONTROL = /[\x00-\x1f\x7f]/;

const singleLine: FormatValidator = (s) => {
  if (!CONTROL.test(s)) return undefined;
  const i = firstControl(s);
  if (i < 0) return undefined;
  return fail(`${describeChar(s, i)} is not allowed (a single line without control characters)`, i, 1);
};

/** Rust `(?m)^[[:^cntrl:]]*$` with `is_match`: fine as soon as one line is free of control characters. */
const multiLine: FormatValidator = (s) => {
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl < 0 ? s.length : nl;
    let clean = true;
    for (let i = start; i < end; i++) {
      if (isControl(s.charCodeAt(i))) {
        clean = false;
        break;
      }
    }
    if (clean) return undefined;
    if (nl < 0) break;
    start = nl + 1;
  }
  const i = firstControl(s);
  return fail(`${describeChar(s, i)} is not allowed (no control characters)`, i, 1);
};

/** USER_NAME: `[^\s:/[:cntrl:]]+` (Rust `\s` is Unicode White_Space). */
function userNameFailure(s: string, start: number, end: number): FormatFailure | undefined {
  if (end === start) return fail('the user name before the last \'@\' is empty', start, 0);
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 58 || c === 47 || isControl(c) || isRustWhitespace(c)) {
      return fail(`${describeChar(s, i)} is not allowed in a user name (no blanks, ':', '/' or control characters)`, i, 1);
    }
  }
  return undefined;
}

/** Realm after the last `@`: a safe id, and (checked when PBS loads the id) 2 to 32 characters. */
function realmFailure(s: string, start: number, end: number): FormatFailure | undefined {
  const f = safeIdRangeFailure(s, start, end, 'realm');
  if (f) return f;
  if (end - start < 2 || end - start > 32) {
    return { ...fail(`the realm '${s.slice(start, end)}' must be 2 to 32 characters long`, start, end - start), stage: 'load' };
  }
  return undefined;
}

function userIdFailure(s: string, end: number): FormatFailure | undefined {
  const at = s.lastIndexOf('@', end - 1);
  if (at < 0) return fail("a user id is 'name@realm', but there is no '@'", 0, end);
  return userNameFailure(s, 0, at) ?? realmFailure(s, at + 1, end);
}

// The usual ids (ASCII user name, realm, token name) in one regex each: a fast path only, tried
// before the character-by-character checks below, which explain failures and accept the rest
// (non-ASCII user names). The name class is printable ASCII but ':' and '/'; a realm is a safe id
// of 2 to 32 characters; a token name a safe id. acl.cfg checks two of these per line, so this
// is a good part of reading a big acl.cfg. test/fuzz holds them to accept nothing the full
// checks refuse.
const PLAIN_NAME = '[\\x21-\\x2e\\x30-\\x39\\x3b-\\x7e]+';
const PLAIN_REALM = '[A-Za-z0-9_][A-Za-z0-9._-]{1,31}';
const PLAIN_TOKEN = '[A-Za-z0-9_][A-Za-z0-9._-]*';
export const PLAIN_USER_ID = new RegExp(`^${PLAIN_NAME}@${PLAIN_REALM}$`);
export const PLAIN_TOKEN_ID = new RegExp(`^${PLAIN_NAME}@${PLAIN_REALM}!${PLAIN_TOKEN}$`);
export const PLAIN_AUTH_ID = new RegExp(`^${PLAIN_NAME}@${PLAIN_REALM}(?:!${PLAIN_TOKEN})?$`);

/** The full user-id check (without the fast path). */
export const userIdChecked: FormatValidator = (s) => {
  const at = s.lastIndexOf('@');
  const bang = s.lastIndexOf('!');
  if (at >= 0 && bang > at) {
    return fail("a token id ('user@realm!token') is not allowed here, only a user id 'name@realm'", bang, s.length - bang);
  }
  return userIdFailure(s, s.length);
};

function tokenNameFailure(s: string, start: number): FormatFailure | undefined {
  return safeIdRangeFailure(s, start, s.length, 'token name');
}

/** The full token-id check (without the fast path). */
export const tokenIdChecked: FormatValidator = (s) => {
  const at = s.lastIndexOf('@');
  const bang = s.lastIndexOf('!');
  if (at < 0) return fail("a token id is 'name@realm!token', but there is no '@'", 0, s.length);
  if (bang < at) return fail("a token id is 'name@realm!token', but there is no '!token' after the realm", s.length, 0);
  return userIdFailure(s, bang) ?? tokenNameFailure(s, bang + 1);
};

/** A user id or a token id (Authid): the full check (without the fast path). */
export const authIdChecked: FormatValidator = (s) => {
  const at = s.lastIndexOf('@');
  const bang = s.lastIndexOf('!');
  if (at < 0) return fail("a user id is 'name@realm' (or 'name@realm!token' for a token), but there is no '@'", 0, s.length);
  if (bang > at) return userIdFailure(s, bang) ?? tokenNameFailure(s, bang + 1);
  return userIdFailure(s, s.length);
};

/** Up to 8 safe-id components joined by `/`; empty = the root namespace. */
/**
 * PBS's namespace regex takes up to 8 levels, but a namespace has at most 7 (MAX_NAMESPACE_DEPTH):
 * an eighth passes the parser and fails when the job is loaded into its Rust type (pbs-api-types
 * `BackupNamespace` deserialization, `push_do`: "namespace too deep"), as does a single level
 * of 256 characters ("namespace length exceeded").
 */
const backupNamespace: FormatValidator = (s) => {
  if (s === '') return undefined;
  let start = 0;
  let depth = 0;
  let eighth = -1;
  for (;;) {
    const slash = s.indexOf('/', start);
    const end = slash < 0 ? s.length : slash;
    depth++;
    if (depth > 8) return fail('a namespace has at most 7 levels', eighth, s.length - eighth);
    if (depth === 8) eighth = start;
    const part = s.slice(start, end);
    if (part === '') return fail("empty namespace level (a namespace has no leading, trailing or double '/')", start, 0);
    const f = safeIdFailure(part, 'namespace level');
    if (f) return { ...f, offset: f.offset + start };
    if (slash < 0) break;
    start = slash + 1;
  }
  if (eighth >= 0) return { ...fail('a namespace has at most 7 levels', eighth, s.length - eighth), stage: 'load' };
  if (depth === 1 && s.length >= 256) return { ...fail('a namespace is at most 255 characters long when it has one level', 0, s.length), stage: 'load' };
  return undefined;
};

const backupGroup: FormatValidator = (s) => {
  const slash = s.indexOf('/');
  if (slash < 0) return fail("a backup group is '<type>/<id>', e.g. 'vm/100'", 0, s.length);
  const type = s.slice(0, slash);
  if (type !== 'vm' && type !== 'ct' && type !== 'host') {
    return fail(`the backup type '${type}' is not one of vm, ct, host`, 0, slash);
  }
  const f = safeIdFailure(s.slice(slash + 1), 'backup id');
  return f ? { ...f, offset: f.offset + slash + 1 } : undefined;
};

/** `/` or `(/safe-id)+` (the API's acl-path regex). */
const aclPath: FormatValidator = (s) => {
  if (s === '/') return undefined;
  if (!s.startsWith('/')) return fail("an ACL path starts with '/'", 0, 0);
  let start = 1;
  for (;;) {
    const slash = s.indexOf('/', start);
    const end = slash < 0 ? s.length : slash;
    const part = s.slice(start, end);
    if (part === '') return fail("empty path component (no trailing or double '/')", start, 0);
    const f = safeIdFailure(part, 'path component');
    if (f) return { ...f, offset: f.offset + start };
    if (slash < 0) return undefined;
    start = slash + 1;
  }
};

// ---------------------------------------------------------------------------------------------
// Addresses

/** IPv4 as PBS's regex reads it: four decimal octets 0–255 without leading zeros. */
function ipv4Failure(s: string, start: number, end: number): FormatFailure | undefined {
  let pos = start;
  for (let octet = 0; octet < 4; octet++) {
    const dot = octet < 3 ? s.indexOf('.', pos) : -1;
    const partEnd = octet < 3 ? (dot < 0 || dot >= end ? -1 : dot) : end;
    if (partEnd < 0) return fail('an IPv4 address has four numbers separated by dots', start, end - start);
    const part = s.slice(pos, partEnd);
    if (part === '' || part.length > 3 || ![...part].every((ch) => isDigit(ch.charCodeAt(0)))) {
      return fail(`'${part}' is not a number from 0 to 255`, pos, partEnd - pos);
    }
    if (part.length > 1 && part[0] === '0') return fail(`'${part}' has a leading zero, which PBS does not accept`, pos, partEnd - pos);
    if (Number(part) > 255) return fail(`${part} is above 255`, pos, partEnd - pos);
    pos = partEnd + 1;
  }
  return undefined;
}

function isIpv4(s: string, start = 0, end = s.length): boolean {
  return ipv4Failure(s, start, end) === undefined;
}

/** IPv6 in any RFC 4291 text form (`::` compression, trailing IPv4), as PBS's regex accepts. */
function ipv6Failure(s: string, start: number, end: number): FormatFailure | undefined {
  const text = s.slice(start, end);
  const bad = (reason: string, offset = 0, length = text.length) => fail(reason, start + offset, length);
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return bad("'::' may appear only once in an IPv6 address", text.indexOf('::', dbl + 1), 2);
  const parts: { text: string; offset: number }[] = [];
  const split = (from: number, to: number) => {
    if (from === to) return;
    let p = from;
    for (;;) {
      const colon = text.indexOf(':', p);
      const e = colon < 0 || colon >= to ? to : colon;
      parts.push({ text: text.slice(p, e), offset: p });
      if (e === to) return;
      p = e + 1;
    }
  };
  let groups = 0;
  let head = 0;
  if (dbl >= 0) {
    split(0, dbl);
    head = parts.length;
    split(dbl + 2, text.length);
  } else {
    split(0, text.length);
  }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.text.includes('.')) {
      if (i !== parts.length - 1 || (dbl >= 0 && i < head)) return bad('an embedded IPv4 address may only end an IPv6 address', p.offset, p.text.length);
      const f = ipv4Failure(text, p.offset, p.offset + p.text.length);
      if (f) return { ...f, offset: f.offset + start };
      groups += 2;
      continue;
    }
    if (p.text === '') return bad("empty group in an IPv6 address (a single ':' where '::' or a number was expected)", p.offset, 0);
    if (p.text.length > 4) return bad(`'${p.text}' has more than 4 hex digits`, p.offset, p.text.length);
    for (let k = 0; k < p.text.length; k++) {
      if (!isHex(p.text.charCodeAt(k))) return bad(`${describeChar(p.text, k)} is not a hex digit`, p.offset + k, 1);
    }
    groups++;
  }
  if (dbl < 0 && groups !== 8) return bad(`an IPv6 address without '::' has 8 groups, not ${groups}`);
  if (dbl >= 0 && groups > 7) return bad(`too many groups for an IPv6 address with '::' (${groups}, at most 7)`);
  return undefined;
}

function isIpv6(s: string, start = 0, end = s.length): boolean {
  return ipv6Failure(s, start, end) === undefined;
}

/** A DNS label as PBS's regex reads it: `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?` (or `_` first for aliases). */
function labelFailure(s: string, start: number, end: number, underscoreFirst: boolean): FormatFailure | undefined {
  if (start === end) return fail("empty label in a DNS name (no leading, trailing or double '.')", start, 0);
  const c0 = s.charCodeAt(start);
  if (!(isAsciiAlnum(c0) || (underscoreFirst && c0 === 95))) {
    return fail(`a DNS label must start with a letter or digit, not ${describeChar(s, start)}`, start, charLength(s, start));
  }
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!(isAsciiAlnum(c) || c === 45)) return fail(`${describeChar(s, i)} is not allowed in a DNS name (letters, digits, '-' and '.')`, i, charLength(s, i));
  }
  if (s.charCodeAt(end - 1) === 45) return fail("a DNS label must not end with '-'", end - 1, 1);
  return undefined;
}

function dnsNameFailure(s: string, start: number, end: number, underscoreFirst = false): FormatFailure | undefined {
  let p = start;
  for (;;) {
    const dot = s.indexOf('.', p);
    const e = dot < 0 || dot >= end ? end : dot;
    const f = labelFailure(s, p, e, underscoreFirst);
    if (f) return f;
    if (e === end) return undefined;
    p = e + 1;
  }
}

/** Looks like an IP address (digits and dots, or has a ':'), so its failure explains better than the DNS one. */
function looksLikeIp(s: string, start: number, end: number): 'v4' | 'v6' | undefined {
  const t = s.slice(start, end);
  if (t.includes(':')) return 'v6';
  if (/^[0-9.]+$/.test(t) && t.includes('.')) return 'v4';
  return undefined;
}

/** dns-name | ipv4 | ipv6 (unbracketed). */
function hostFailure(s: string, start: number, end: number): FormatFailure | undefined {
  if (start === end) return fail('the host name is empty', start, 0);
  const kind = looksLikeIp(s, start, end);
  if (kind === 'v6') return ipv6Failure(s, start, end);
  if (isIpv4(s, start, end)) return undefined;
  const dns = dnsNameFailure(s, start, end);
  if (!dns) return undefined;
  return kind === 'v4' ? ipv4Failure(s, start, end) : dns;
}

/** `[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]`. */
function portFailure(s: string, start: number, end: number): FormatFailure | undefined {
  const p = s.slice(start, end);
  if (p === '') return fail("the port after ':' is empty", start, 0);
  for (let i = 0; i < p.length; i++) {
    if (!isDigit(p.charCodeAt(i))) return fail(`the port '${p}' is not a number`, start, p.length);
  }
  if (p.length <= 4) return undefined;
  if (p.length === 5 && p[0] !== '0' && Number(p) <= 65535) return undefined;
  return fail(`the port ${p} is not in the range 0 to 65535`, start, p.length);
}

/** `host:port` (port required; IPv6 in brackets), where `host` may also be bracketed IPv6. */
function hostPortFailure(s: string, start: number, end: number, portRequired: boolean): FormatFailure | undefined {
  if (s.charCodeAt(start) === 91) {
    const close = s.indexOf(']', start);
    if (close < 0 || close >= end) return fail("missing ']' after the IPv6 address", end, 0);
    const f = ipv6Failure(s, start + 1, close);
    if (f) return f;
    if (close + 1 === end) return portRequired ? fail("missing ':port' after the host", end, 0) : undefined;
    if (s.charCodeAt(close + 1) !== 58) return fail(`${describeChar(s, close + 1)} after ']' (expected ':port')`, close + 1, 1);
    return portFailure(s, close + 2, end);
  }
  const colon = s.lastIndexOf(':', end - 1);
  const hasColon = colon >= start;
  if (hasColon && s.indexOf(':', start) !== colon) {
    if (!portRequired && isIpv6(s, start, end)) return undefined;
    return fail('an IPv6 address must be written in brackets, e.g. [2001:db8::1]:8086', start, end - start);
  }
  if (!hasColon) return portRequired ? fail("missing ':port' after the host", end, 0) : hostFailure(s, start, end);
  return (looksLikeIp(s, start, colon) === 'v6' ? undefined : hostFailure(s, start, colon)) ?? portFailure(s, colon + 1, end);
}

/** CIDR: IPv4/prefix (1–2 digits) or IPv6/prefix (1–3 digits); the prefix must fit the address. */
const cidr: FormatValidator = (s) => {
  const slash = s.indexOf('/');
  if (slash < 0) return fail("a network needs its prefix length, e.g. '192.168.1.0/24'", s.length, 0);
  const v6 = s.slice(0, slash).includes(':');
  const addr = v6 ? ipv6Failure(s, 0, slash) : ipv4Failure(s, 0, slash);
  if (addr) return addr;
  const prefix = s.slice(slash + 1);
  const max = v6 ? 128 : 32;
  if (prefix === '' || prefix.length > (v6 ? 3 : 2) || ![...prefix].every((ch) => isDigit(ch.charCodeAt(0)))) {
    return fail(`the prefix length '${prefix}' is not a number from 0 to ${max}`, slash + 1, prefix.length);
  }
  if (Number(prefix) > max) {
    return { ...fail(`the prefix length ${prefix} is above ${max}`, slash + 1, prefix.length), stage: 'use' };
  }
  return undefined;
};

const URL_PATH_FORBIDDEN = (c: number) => isControl(c);

/** `http(s)://host[:port][/path]`, host a DNS name, IPv4 or [IPv6] (or a bare IPv6 without port). */
const httpUrl: FormatValidator = (s) => {
  const m = /^https?:\/\//.exec(s);
  if (!m) return fail("the URL must start with 'http://' or 'https://'", 0, Math.max(0, s.indexOf(':')));
  const start = m[0].length;
  let end = s.indexOf('/', start);
  if (end < 0) end = s.length;
  const authority = hostPortFailure(s, start, end, false);
  if (authority) return authority;
  for (let i = end; i < s.length; i++) {
    if (URL_PATH_FORBIDDEN(s.charCodeAt(i))) return fail(`${describeChar(s, i)} is not allowed in a URL`, i, 1);
  }
  return undefined;
};

/** `[http://][user:password@]host[:port]` as proxmox-http reads a proxy URL. */
const httpProxy: FormatValidator = (s) => {
  let start = 0;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(s);
  if (scheme) {
    if (scheme[1] !== 'http') return fail(`the proxy scheme '${scheme[1]}' is not supported (only http)`, 0, scheme[1].length);
    start = scheme[0].length;
  }
  let end = s.length;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      if (!scheme) return fail(`${describeChar(s, i)}: without 'http://' the proxy is just 'host[:port]'`, i, 1);
      end = i;
      break;
    }
  }
  const at = s.lastIndexOf('@', end - 1);
  const hostStart = at >= start ? at + 1 : start;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControl(c) || c === 32 || c === 34 || c === 60 || c === 62 || c === 92 || c === 94 || c === 96 || c === 123 || c === 124 || c === 125 || c > 126) {
      return fail(`${describeChar(s, i)} is not allowed in a proxy URL`, i, charLength(s, i));
    }
  }
  if (hostStart === end) return fail('the proxy host is missing', hostStart, 0);
  if (s.charCodeAt(hostStart) === 91) return hostPortFailure(s, hostStart, end, false);
  const colon = s.indexOf(':', hostStart);
  if (colon >= 0 && colon < end) {
    const port = s.slice(colon + 1, end);
    if (port !== '' && (!/^[0-9]+$/.test(port) || Number(port) > 65535)) {
      return fail(`the port '${port}' is not a number from 0 to 65535`, colon + 1, port.length);
    }
  }
  return undefined;
};

const uuid: FormatValidator = (s) => {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s)) return undefined;
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) {
    return fail('PBS accepts only lower-case hex digits in a UUID', 0, s.length);
  }
  return fail("a UUID is 32 lower-case hex digits as 8-4-4-4-12, e.g. '0b5c8d2e-…'", 0, s.length);
};

const sha256Hex: FormatValidator = (s) =>
  /^[a-f0-9]{64}$/.test(s) ? undefined : fail('expected 64 lower-case hex digits (a SHA-256 digest)', 0, s.length);

const genericUri: FormatValidator = (s) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControl(c) || c === 32 || c === 60 || c === 62 || c === 35 || c === 34) {
      return fail(`${describeChar(s, i)} is not allowed in a URI`, i, 1);
    }
  }
  return undefined;
};

/**
 * An absolute URL as Rust's `url::Url` parses it (tfa.json's WebAuthn origin). Both it and
 * JavaScript's URL follow the WHATWG URL standard, so the platform's parser decides.
 */
const absoluteUrl: FormatValidator = (s) => {
  if (URL.canParse(s)) return undefined;
  const colon = s.indexOf(':');
  return colon <= 0
    ? fail("an absolute URL starts with a scheme, e.g. 'https://pbs.example.com:8007'", 0, s.length)
    : fail('this is not a URL a browser could open (bad host, port or characters)', 0, s.length);
};

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

/** A host name that may start with `{{bucket}}.` and contain `{{region}}` labels, or an IP address. */
const s3Endpoint: FormatValidator = (s) => {
  if (s.includes('://')) return fail('write the endpoint without a scheme (no http:// or https://)', 0, s.indexOf('://') + 3);
  const colon = s.indexOf(':');
  if (colon >= 0) {
    if (isIpv6(s)) return undefined;
    if (s3HostFailure(s.slice(0, colon)) === undefined) {
      return fail("the endpoint is a host name or IP address without a port (the port is a separate property)", colon, s.length - colon);
    }
    return ipv6Failure(s, 0, s.length);
  }
  return s3HostFailure(s);
};

function s3HostFailure(s: string): FormatFailure | undefined {
  if (isIpv4(s)) return undefined;
  let p = s.startsWith('{{bucket}}.') ? '{{bucket}}.'.length : 0;
  for (;;) {
    const dot = s.indexOf('.', p);
    const e = dot < 0 ? s.length : dot;
    if (dot >= 0 && s.slice(p, e) === '{{region}}') {
      p = e + 1;
      continue;
    }
    const f = labelFailure(s, p, e, false);
    if (f) return s[f.offset] === '/' ? { ...f, reason: `${f.reason}; the endpoint has no path` } : f;
    if (dot < 0) return undefined;
    p = e + 1;
  }
}

const s3Region: FormatValidator = (s) => {
  if (s.length < 2) return fail('a region has at least 2 characters', 0, s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = isDigit(c) || (c >= 97 && c <= 122) || c === 95 || (i > 0 && c === 45);
    if (!ok) return fail(`${describeChar(s, i)} is not allowed in a region (lower-case letters, digits, '_' and '-')`, i, charLength(s, i));
  }
  return undefined;
};

const s3BucketName: FormatValidator = (s) => {
  if (s === '') return fail('the bucket name is empty');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isDigit(c) || (c >= 97 && c <= 122) || c === 45)) {
      return fail(`${describeChar(s, i)} is not allowed in a bucket name (lower-case letters, digits and '-')`, i, charLength(s, i));
    }
  }
  if (s[0] === '-' || s[s.length - 1] === '-') return fail("a bucket name must not start or end with '-'", s[0] === '-' ? 0 : s.length - 1, 1);
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (s.startsWith(prefix)) return fail(`a bucket name must not start with '${prefix}'`, 0, prefix.length);
  }
  for (const suffix of ['--ol-s3', '.mrap', '--x-s3']) {
    if (s.endsWith(suffix)) return fail(`a bucket name must not end with '${suffix}'`, s.length - suffix.length, suffix.length);
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// Value grammars (grammar/)

const dailyDuration: FormatValidator = memo((s) => fromParse(parseDailyDuration(s)));
// ---------------------------------------------------------------------------------------------
// Group filters and Rust regexes

/** `[include:|exclude:](type:<vm|ct|host>|group:<type>/<id>|regex:<Rust regex>)`. */
const groupFilter: FormatValidator = memo((s) => {
  let rest = 0;
  const first = s.indexOf(':');
  if (first >= 0) {
    const head = s.slice(0, first);
    if (head === 'include' || head === 'exclude') rest = first + 1;
  }
  const colon = s.indexOf(':', rest);
  if (colon < 0) {
    return fail("expected 'type:<vm|ct|host>', 'group:<type>/<id>' or 'regex:<regex>', optionally after 'include:' or 'exclude:'", rest, s.length - rest);
  }
  const kind = s.slice(rest, colon);
  const value = s.slice(colon + 1);
  const at = colon + 1;
  switch (kind) {
    case 'type':
      if (value === 'vm' || value === 'ct' || value === 'host') return undefined;
      return fail(`the backup type '${value}' is not one of vm, ct, host`, at, value.length);
    case 'group': {
      const f = backupGroup(value);
      return f ? { ...f, offset: f.offset + at } : undefined;
    }
    case 'regex': {
      const f = rustRegexFailure(value);
      return f ? { ...f, offset: f.offset + at } : undefined;
    }
    default:
      return fail(`expected 'group', 'type' or 'regex' before ':', not '${kind}'`, rest, kind.length);
  }
});

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/**
 * Where the character class opening at `start` (a `[`) ends in Rust's regex syntax — just past its
 * `]` — or -1 when it never closes: inside a class a `[` opens a nested class (`[:name:]` is a
 * POSIX class), a `]` right after `[` or `[^` is literal, a backslash escapes the next character.
 */
function rustClassEnd(src: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      const posix = /^\[:\^?[a-z]+:\]/.exec(src.slice(i, i + 16));
      if (depth > 0 && posix) {
        i += posix[0].length;
        continue;
      }
      depth++;
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      continue;
    }
    if (c === ']') {
      depth--;
      i++;
      if (depth === 0) return i;
      continue;
    }
    i++;
  }
  return -1;
}

/** ASCII punctuation that JavaScript's `u` mode accepts after a backslash (outside a class). */
const JS_SYNTAX_CHARS = '^$\\.*+?()[]{}|/';

/**
 * Whether `src` compiles as a Rust `regex` crate pattern. Constructs Rust rejects (look-around,
 * backreferences) fail; Rust-only syntax (`(?P<n>…)`, inline flags, POSIX classes, `\A`, `\z`,
 * escaped punctuation) is rewritten for a JavaScript compile check. Where the rewrite cannot
 * follow Rust (class set operations, verbose mode) the pattern is given the benefit of the doubt.
 */
export function rustRegexFailure(src: string): FormatFailure | undefined {
  let out = '';
  let flags = 'u';
  let i = 0;
  let inClass = false;
  let classStart = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\\') {
      const d = src[i + 1];
      if (d === undefined) return fail('the regex ends with a lone backslash', i, 1);
      if (d >= '1' && d <= '9' && !inClass) return fail('backreferences (\\1 …) are not supported by PBS (Rust) regexes', i, 2);
      if (d === 'k' && src[i + 2] === '<') return fail('named backreferences are not supported by PBS (Rust) regexes', i, 2);
      if (d === 'A') {
        out += inClass ? 'A' : '^';
      } else if (d === 'z') {
        out += inClass ? 'z' : '$';
      } else if (d === 'p' || d === 'P') {
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          if (close < 0) return fail('unterminated \\p{…} class', i, n - i);
          out += src.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        const cls = src[i + 2];
        if (cls === undefined) return fail('incomplete \\p class', i, 2);
        out += `\\${d}{${cls}}`;
        i += 3;
        continue;
      } else if (d === 'x' && src[i + 2] === '{') {
        const close = src.indexOf('}', i + 3);
        if (close < 0) return fail('unterminated \\x{…} escape', i, n - i);
        out += `\\u{${src.slice(i + 3, close)}}`;
        i = close + 1;
        continue;
      } else if (d === 'a') {
        out += '\\x07';
      } else if (d === 'U' || (d === 'u' && src[i + 2] !== '{')) {
        const len = d === 'U' ? 8 : 4;
        const hex = src.slice(i + 2, i + 2 + len);
        if (src[i + 2] === '{') {
          const close = src.indexOf('}', i + 3);
          if (close < 0) return fail('unterminated \\U{…} escape', i, n - i);
          out += `\\u{${src.slice(i + 3, close)}}`;
          i = close + 1;
          continue;
        }
        out += `\\u{${hex}}`;
        i += 2 + len;
        continue;
      } else if (d === '<' || d === '>') {
        out += '\\b';
      } else if (d === 'b' && src[i + 2] === '{') {
        const close = src.indexOf('}', i + 3);
        out += '\\b';
        i = close < 0 ? n : close + 1;
        continue;
      } else if (/[!-/:-@[-`{-~]/.test(d) && !JS_SYNTAX_CHARS.includes(d) && !(inClass && d === '-')) {
        out += `\\x${d.charCodeAt(0).toString(16).padStart(2, '0')}`;
      } else {
        out += c + d;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
        if (posix && POSIX_CLASSES[posix[2]] !== undefined) {
          if (posix[1] === '^') return undefined; // negated POSIX class inside a class: cannot rewrite, trust Rust
          out += POSIX_CLASSES[posix[2]];
          i += posix[0].length;
          continue;
        }
        // a nested class (Rust set syntax): trusted if the brackets close, as Rust counts them
        return rustClassEnd(src, classStart) < 0 ? fail("unclosed character class (inside a class, Rust reads '[' as the start of a nested class)", classStart, n - classStart) : undefined;
      }
      if ((c === '&' && src[i + 1] === '&') || (c === '~' && src[i + 1] === '~') || (c === '-' && src[i + 1] === '-')) {
        // set operations: trusted if the brackets close
        return rustClassEnd(src, classStart) < 0 ? fail("unclosed character class (inside a class, Rust reads '[' as the start of a nested class)", classStart, n - classStart) : undefined;
      }
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      out += c;
      i++;
      if (src[i] === '^') {
        out += '^';
        i++;
      }
      if (src[i] === ']') {
        out += '\\]'; // a leading ']' is literal in Rust
        i++;
      }
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
        return fail('look-ahead and look-behind are not supported by PBS (Rust) regexes', i, rest.startsWith('<') ? 4 : 3);
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith('<') || rest.startsWith(':')) {
        out += '(?' + rest[0];
        i += 3;
        continue;
      }
      const fl = /^([a-zA-Z-]*)([:)])/.exec(rest);
      if (!fl) return fail('unknown group flag after "(?"', i, 2);
      const letters = fl[1].replace('-', '');
      for (const f of letters) {
        if (!'imsUxRu'.includes(f)) return fail(`unknown regex flag '${f}'`, i + 2 + fl[1].indexOf(f), 1);
      }
      if (fl[1].includes('x')) return undefined; // verbose mode: white space and comments change meaning
      if (fl[2] === ')') {
        if (out === '' && !fl[1].includes('-')) {
          if (fl[1].includes('i')) flags += 'i';
          if (fl[1].includes('m')) flags += 'm';
          if (fl[1].includes('s')) flags += 's';
        }
        i += 2 + fl[0].length;
        continue;
      }
      out += '(?:';
      i += 2 + fl[0].length;
      continue;
    }
    if (c === '{' && src[i + 1] === ',') {
      out += '{0';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) return fail("unclosed character class: missing ']'", n, 0);
  try {
    new RegExp(out, [...new Set(flags)].join(''));
    return undefined;
  } catch (e) {
    const m = /: ([^:]+)$/.exec((e as Error).message);
    return fail(`the regex does not compile: ${m ? m[1].trim().toLowerCase() : (e as Error).message}`, 0, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Datastore backend (a property string checked as a whole)

/** `type=filesystem|s3` (the default key), `client`, `bucket`, `max-cache-size`, with the type rules. */
const datastoreBackend: FormatValidator = (s) => {
  const ps = parsePropertyString(s, 0);
  if (ps.problems.length > 0) {
    const p = ps.problems[0];
    return fail(p.message, p.start, p.end - p.start);
  }
  const seen = new Map<string, { start: number; end: number; valueStart: number; valueEnd: number; text: string }>();
  for (const e of ps.entries) {
    const key = e.key?.text ?? 'type';
    const keyStart = e.key?.start ?? e.value.start;
    const keyEnd = e.key?.end ?? e.value.end;
    if (seen.has(key)) return fail(`'${key}' is given twice`, keyStart, keyEnd - keyStart);
    let f: FormatFailure | undefined;
    const v = e.value.text;
    switch (key) {
      case 'type':
        if (v !== 'filesystem' && v !== 's3') f = fail(`the backend type '${v}' is not one of filesystem, s3`, 0, v.length);
        break;
      case 'client':
        f = v.length < 3 || v.length > 32 ? fail(`the client id '${v}' must be 3 to 32 characters long`, 0, v.length) : safeIdFailure(v, 'client id');
        break;
      case 'bucket':
        f = v.length < 3 || v.length > 63 ? fail(`the bucket name '${v}' must be 3 to 63 characters long`, 0, v.length) : s3BucketName(v);
        break;
      case 'max-cache-size':
        f = humanByte(v);
        break;
      default:
        return fail(`unknown option '${key}' (expected type, client, bucket or max-cache-size)`, keyStart, keyEnd - keyStart);
    }
    if (f) {
      const direct = e.value.end - e.value.start === v.length ? e.value.start : e.value.start + 1;
      return { ...f, offset: direct + f.offset };
    }
    seen.set(key, { start: keyStart, end: keyEnd, valueStart: e.value.start, valueEnd: e.value.end, text: v });
  }
  const type = seen.get('type')?.text ?? 'filesystem';
  if (type === 'filesystem') {
    for (const k of ['client', 'bucket', 'max-cache-size']) {
      const e = seen.get(k);
      if (e) return fail(`'${k}' is not allowed for the backend type filesystem`, e.start, e.valueEnd - e.start);
    }
  } else {
    for (const k of ['client', 'bucket']) {
      if (!seen.has(k)) return fail(`'${k}' is required for the backend type s3`, s.length, 0);
    }
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// The table

/** The formats checked here; the value kinds (schema/values/) bring theirs. */
const PLAIN_FORMATS: Readonly<Record<string, FormatSpec>> = {
  'safe-id': { check: (s) => safeIdFailure(s), label: 'name' },
  'single-line-comment': { check: singleLine, label: 'single-line text' },
  'multi-line-comment': { check: multiLine, label: 'text' },
  password: { check: singleLine, label: 'password' },
  ipv4: { check: (s) => ipv4Failure(s, 0, s.length), label: 'IPv4 address' },
  ipv6: { check: (s) => ipv6Failure(s, 0, s.length), label: 'IPv6 address' },
  ip: { check: (s) => (s.includes(':') ? ipv6Failure(s, 0, s.length) : ipv4Failure(s, 0, s.length)), label: 'IP address' },
  cidr: { check: cidr, label: 'network (CIDR)' },
  hostname: { check: (s) => (s.includes('.') ? fail("a host name has no '.'", s.indexOf('.'), 1) : labelFailure(s, 0, s.length, false)), label: 'host name' },
  'dns-name': { check: (s) => dnsNameFailure(s, 0, s.length), label: 'DNS name' },
  'dns-alias': { check: (s) => dnsNameFailure(s, 0, s.length, true), label: 'DNS alias' },
  'dns-name-or-ip': { check: (s) => hostFailure(s, 0, s.length), label: 'host name or IP address' },
  'host-port': { check: (s) => hostPortFailure(s, 0, s.length, true), label: 'host:port' },
  'http-url': { check: httpUrl, label: 'http(s) URL' },
  'absolute-url': { check: absoluteUrl, label: 'absolute URL' },
  'http-proxy': { check: httpProxy, label: 'HTTP proxy' },
  uuid: { check: uuid, label: 'UUID' },
  'sha256-hex': { check: sha256Hex, label: 'SHA-256 digest' },
  'generic-uri': { check: genericUri, label: 'URI' },
  'user-id': { check: (s) => (PLAIN_USER_ID.test(s) ? undefined : userIdChecked(s)), label: 'user id' },
  'token-id': { check: (s) => (PLAIN_TOKEN_ID.test(s) ? undefined : tokenIdChecked(s)), label: 'API token id' },
  'auth-id': { check: (s) => (PLAIN_AUTH_ID.test(s) ? undefined : authIdChecked(s)), label: 'user or token id' },
  'backup-namespace': { check: backupNamespace, label: 'namespace' },
  'backup-group': { check: backupGroup, label: 'backup group' },
  'acl-path': { check: aclPath, label: 'ACL path' },
  'openssl-ciphers': { check: opensslCiphers, label: 'OpenSSL cipher list' },
  's3-endpoint': { check: s3Endpoint, label: 'S3 endpoint' },
  's3-region': { check: s3Region, label: 'S3 region' },
  's3-bucket-name': { check: s3BucketName, label: 'S3 bucket name' },
  'daily-duration': { check: dailyDuration, label: 'time window' },
  'group-filter': { check: groupFilter, label: 'group filter' },
  'datastore-backend': { check: datastoreBackend, label: 'datastore backend' },
};

const SPECS: Record<string, FormatSpec> = { ...PLAIN_FORMATS };
for (const kind of VALUE_KINDS) {
  for (const [name, spec] of Object.entries(kind.formats ?? {})) {
    if (Object.hasOwn(SPECS, name)) throw new Error(`the format ${name} is declared twice (value kind ${kind.name})`);
    SPECS[name] = spec;
  }
}

export const FORMATS: Readonly<Record<string, FormatValidator>> = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, spec.check]));

/** Words for a format in messages ("is not a valid <label>"). */
export const FORMAT_LABELS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, spec.label]));

/** The diagnostic code for a value that fails `format`. */
export function formatCode(format: string): DiagnosticCode {
  return (Object.hasOwn(SPECS, format) ? SPECS[format].code : undefined) ?? 'invalid-format';
}

/** Whether accepted values of `format` may still deserve a hint (calendar quirks, SI sizes). */
export function formatHasHints(format: string): boolean {
  return Object.hasOwn(SPECS, format) && SPECS[format].hints !== undefined;
}

const NO_HINTS: FormatHint[] = [];
const hintMemo = new Map<string, Map<string, FormatHint[]>>();

/**
 * Accepted-but-surprising spellings for a value of `format` that passed its check: calendar
 * quirks (`24:00` is minute 24 of every hour) and SI sizes (`10MB` is 10,000,000 bytes, not 10 MiB).
 */
export function formatHints(format: string, value: string): FormatHint[] {
  const hintsOf = Object.hasOwn(SPECS, format) ? SPECS[format].hints : undefined;
  if (hintsOf === undefined) return NO_HINTS;
  let byValue = hintMemo.get(format);
  if (byValue === undefined) hintMemo.set(format, (byValue = new Map()));
  let hints = byValue.get(value);
  if (hints === undefined) {
    hints = hintsOf(value);
    if (hints.length === 0) hints = NO_HINTS;
    if (byValue.size >= 2048) byValue.clear();
    byValue.set(value, hints);
  }
  return hints;
}

/**
 * For a `pattern` of the shape `^[class]*tail$` (most PBS patterns), the offset of the first
 * character that is outside the class where the tail cannot start either; undefined when the
 * pattern has another shape or the position cannot be told.
 */
export function patternFailureOffset(pattern: string, value: string): number | undefined {
  const m = /^\^\[((?:\\.|[^\]\\])+)\][*+]/.exec(pattern);
  if (!m) return undefined;
  let cls: RegExp;
  let tail: RegExp;
  try {
    cls = new RegExp(`[${m[1]}]`, 'u');
    tail = new RegExp(`^(?:${pattern.slice(m[0].length)})`, 'u');
  } catch {
    return undefined;
  }
  for (let i = 0; i < value.length; i++) {
    if (cls.test(value[i])) continue;
    return tail.test(value.slice(i)) ? undefined : i;
  }
  return undefined;
}
