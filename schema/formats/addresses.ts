// Network addresses as PBS's regexes read them: IPv4, IPv6, DNS names and aliases, host names,
// host:port, CIDR networks.
import { charLength, describeChar, fail, isAsciiAlnum, isDigit, isHex, type FormatFailure, type FormatSpec, type FormatValidator } from './format.ts';

/** IPv4 as PBS's regex reads it: four decimal octets 0–255 without leading zeros. */
export function ipv4Failure(s: string, start: number, end: number): FormatFailure | undefined {
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

export function isIpv4(s: string, start = 0, end = s.length): boolean {
  return ipv4Failure(s, start, end) === undefined;
}

/** IPv6 in any RFC 4291 text form (`::` compression, trailing IPv4), as PBS's regex accepts. */
export function ipv6Failure(s: string, start: number, end: number): FormatFailure | undefined {
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

export function isIpv6(s: string, start = 0, end = s.length): boolean {
  return ipv6Failure(s, start, end) === undefined;
}

/** A DNS label as PBS's regex reads it: `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?` (or `_` first for aliases). */
export function labelFailure(s: string, start: number, end: number, underscoreFirst: boolean): FormatFailure | undefined {
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

export function dnsNameFailure(s: string, start: number, end: number, underscoreFirst = false): FormatFailure | undefined {
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
export function hostFailure(s: string, start: number, end: number): FormatFailure | undefined {
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
export function hostPortFailure(s: string, start: number, end: number, portRequired: boolean): FormatFailure | undefined {
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

export const ADDRESS_FORMATS: Readonly<Record<string, FormatSpec>> = {
  ipv4: { check: (s) => ipv4Failure(s, 0, s.length), label: 'IPv4 address' },
  ipv6: { check: (s) => ipv6Failure(s, 0, s.length), label: 'IPv6 address' },
  ip: { check: (s) => (s.includes(':') ? ipv6Failure(s, 0, s.length) : ipv4Failure(s, 0, s.length)), label: 'IP address' },
  cidr: { check: cidr, label: 'network (CIDR)' },
  hostname: { check: (s) => (s.includes('.') ? fail("a host name has no '.'", s.indexOf('.'), 1) : labelFailure(s, 0, s.length, false)), label: 'host name' },
  'dns-name': { check: (s) => dnsNameFailure(s, 0, s.length), label: 'DNS name' },
  'dns-alias': { check: (s) => dnsNameFailure(s, 0, s.length, true), label: 'DNS alias' },
  'dns-name-or-ip': { check: (s) => hostFailure(s, 0, s.length), label: 'host name or IP address' },
  'host-port': { check: (s) => hostPortFailure(s, 0, s.length, true), label: 'host:port' },
};
