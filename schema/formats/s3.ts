// S3: endpoints (with `{{bucket}}`/`{{region}}` templates), regions, bucket names, and a
// datastore's backend property string, checked as a whole (proxmox-s3-client, pbs-api-types).
import { parsePropertyString } from '../../grammar/property-string.ts';
import { charLength, describeChar, fail, isDigit, type FormatFailure, type FormatSpec, type FormatValidator } from './format.ts';
import { ipv6Failure, isIpv4, isIpv6, labelFailure } from './addresses.ts';
import { safeIdFailure } from './names.ts';
import { humanByteCheck as humanByte } from '../values/size.ts';

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

export const S3_FORMATS: Readonly<Record<string, FormatSpec>> = {
  's3-endpoint': { check: s3Endpoint, label: 'S3 endpoint' },
  's3-region': { check: s3Region, label: 'S3 region' },
  's3-bucket-name': { check: s3BucketName, label: 'S3 bucket name' },
  'datastore-backend': { check: datastoreBackend, label: 'datastore backend' },
};
