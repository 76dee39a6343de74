// URLs and URIs: http(s) URLs, HTTP proxies as proxmox-http reads them, generic URIs, and
// absolute URLs as Rust's url crate (and the WHATWG standard) parses them.
import { charLength, describeChar, fail, isControl, type FormatSpec, type FormatValidator } from './format.ts';
import { hostPortFailure } from './addresses.ts';

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

export const URL_FORMATS: Readonly<Record<string, FormatSpec>> = {
  'http-url': { check: httpUrl, label: 'http(s) URL' },
  'absolute-url': { check: absoluteUrl, label: 'absolute URL' },
  'http-proxy': { check: httpProxy, label: 'HTTP proxy' },
  'generic-uri': { check: genericUri, label: 'URI' },
};
