// PBS names and ids: safe ids, user, token and auth ids (with a one-regex fast path for the
// usual ones), backup namespaces and groups, ACL paths (pbs-api-types).
import { charLength, describeChar, fail, isAsciiAlnum, isControl, type FormatFailure, type FormatSpec, type FormatValidator } from './format.ts';
import { isRustWhitespace } from '../../grammar/line-rules.ts';

/** PROXMOX_SAFE_ID: `[A-Za-z0-9_][A-Za-z0-9._-]*`. Returns the failure for `what` ("a name"). */
export function safeIdFailure(s: string, what = 'name'): FormatFailure | undefined {
  return safeIdRangeFailure(s, 0, s.length, what);
}

/** safe-id check of `s[start, end)`; offsets in the failure are into `s`. */
export function safeIdRangeFailure(s: string, start: number, end: number, what: string): FormatFailure | undefined {
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

/**
 * Up to 8 safe-id components joined by `/`; empty = the root namespace.
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

export const backupGroup: FormatValidator = (s) => {
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

export const NAME_FORMATS: Readonly<Record<string, FormatSpec>> = {
  'safe-id': { check: (s) => safeIdFailure(s), label: 'name' },
  'user-id': { check: (s) => (PLAIN_USER_ID.test(s) ? undefined : userIdChecked(s)), label: 'user id' },
  'token-id': { check: (s) => (PLAIN_TOKEN_ID.test(s) ? undefined : tokenIdChecked(s)), label: 'API token id' },
  'auth-id': { check: (s) => (PLAIN_AUTH_ID.test(s) ? undefined : authIdChecked(s)), label: 'user or token id' },
  'backup-namespace': { check: backupNamespace, label: 'namespace' },
  'backup-group': { check: backupGroup, label: 'backup group' },
  'acl-path': { check: aclPath, label: 'ACL path' },
};
