// Self-signed TLS certificates the way PBS makes /etc/proxmox-backup/proxy.pem
// (proxmox-backup src/config/mod.rs, update_self_signed_cert), and a reader for any PEM
// certificate. Keys come from node:crypto (OpenSSL), generated asynchronously; the certificate
// is built and signed with @peculiar/x509 on Node's WebCrypto (native signing, a maintained
// X.509 library with every extension PBS sets).
import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it loaded first
import * as x509 from '@peculiar/x509';
import { generateKeyPair, randomUUID, webcrypto, X509Certificate, type KeyObject } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import { escapeControls, quoted } from '../control-chars.ts';
import { READ_LIMITS, readRegularTextFile } from '../fs/read-file.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type CertKeyType = 'rsa' | 'ec';

export interface CertOptions {
  /** Common name; default: this machine's FQDN as PBS determines it (see defaultFqdn). */
  commonName?: string;
  /** Extra subject alternative names: DNS names or IP addresses. */
  altNames?: string[];
  /** Validity in days from now; PBS uses 365 000 (about 1000 years). */
  days?: number;
  keyType?: CertKeyType;
  /** RSA modulus size (2048, 3072, 4096 — PBS: 4096) or EC curve size (256, 384). */
  bits?: number;
  /** For tests: the moment the certificate starts being valid. */
  now?: Date;
}

export interface GeneratedCert {
  /** The certificate, PEM. */
  certPem: string;
  /** The private key, PEM: PKCS#1 ("RSA PRIVATE KEY") for RSA as PBS writes it, PKCS#8 for EC. */
  keyPem: string;
  info: CertInfo;
}

export class CertError extends Error {
  override name = 'CertError';
}

/** PBS's node FQDN: the node name plus the first domain of the last search/domain line of resolv.conf. */
export function defaultFqdn(resolvConf = readResolvConf(), host = hostname()): string {
  const node = host.split('.')[0] || 'localhost';
  let domain: string | undefined;
  for (const line of resolvConf.split('\n')) {
    const m = /^\s*(search|domain)\s+(\S+)/.exec(line);
    if (m) domain = m[2];
  }
  return domain ? `${node}.${domain}` : node;
}

/** /etc/resolv.conf, bounded like every read: a regular file only, its first 64 KiB. */
function readResolvConf(): string {
  let fd: number | undefined;
  try {
    fd = openSync('/etc/resolv.conf', constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return '';
    const buf = Buffer.alloc(64 * 1024);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The subject alternative names PBS puts in: loopback addresses, localhost, node name, FQDN. */
export function pbsAltNames(fqdn: string, extra: string[] = []): { type: 'dns' | 'ip'; value: string }[] {
  const node = fqdn.split('.')[0];
  const names = ['127.0.0.1', '::1', 'localhost'];
  if (node !== 'localhost') names.push(node);
  if (fqdn !== node) names.push(fqdn);
  for (const n of extra) if (!names.includes(n)) names.push(n);
  return names.map((value) => ({ type: isIP(value) ? 'ip' : 'dns', value }));
}

const RSA_SIZES = [2048, 3072, 4096];
const EC_CURVES: Record<number, string> = { 256: 'P-256', 384: 'P-384' };

/** The options checked and completed with PBS's defaults; what generateSelfSignedCert will make. */
export interface CheckedCertOptions {
  commonName: string;
  altNames: string[];
  days: number;
  keyType: CertKeyType;
  bits: number;
}

/**
 * Checks every option (names, days, key type and size) and fills in the defaults, without any
 * work: a front calls it before it says or writes anything. Throws CertError.
 */
export function checkCertOptions(options: CertOptions = {}): CheckedCertOptions {
  const keyType = options.keyType ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ec') throw new CertError(`the key type is rsa or ec, not '${String(keyType)}'`);
  const bits = options.bits ?? (keyType === 'rsa' ? 4096 : 256);
  if (keyType === 'rsa' && !RSA_SIZES.includes(bits)) throw new CertError(`RSA keys are ${RSA_SIZES.join(', ')} bits, not ${bits}`);
  if (keyType === 'ec' && !EC_CURVES[bits]) throw new CertError(`EC keys are 256 or 384 bits (P-256, P-384), not ${bits}`);
  const days = options.days ?? 365_000;
  if (!Number.isInteger(days) || days < 1 || days > 365_000) throw new CertError(`validity must be 1 to 365000 days, not ${days}`);
  const commonName = options.commonName ?? defaultFqdn();
  const altNames = options.altNames ?? [];
  for (const name of [commonName, ...altNames]) {
    if (!isIP(name) && !/^(?=.{1,253}$)(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(name)) {
      throw new CertError(`${quoted(name)} is neither a DNS name nor an IP address`);
    }
  }
  return { commonName, altNames, days, keyType, bits };
}

export async function generateSelfSignedCert(options: CertOptions = {}): Promise<GeneratedCert> {
  const { commonName: fqdn, altNames, days, keyType, bits } = checkCertOptions(options);

  let pair: { publicKey: KeyObject; privateKey: KeyObject };
  let algorithm: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams;
  let signing: { name: string; hash: string };
  if (keyType === 'rsa') {
    pair = await promisify(generateKeyPair)('rsa', { modulusLength: bits, publicExponent: 0x10001 });
    algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    signing = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  } else {
    const curve = EC_CURVES[bits];
    pair = await promisify(generateKeyPair)('ec', { namedCurve: curve });
    algorithm = { name: 'ECDSA', namedCurve: curve };
    signing = { name: 'ECDSA', hash: bits === 384 ? 'SHA-384' : 'SHA-256' };
  }
  const subtle = webcrypto.subtle;
  const privateKey = await subtle.importKey('pkcs8', pair.privateKey.export({ type: 'pkcs8', format: 'der' }), algorithm, false, ['sign']);
  const publicKey = await subtle.importKey('spki', pair.publicKey.export({ type: 'spki', format: 'der' }), algorithm, true, ['verify']);

  const notBefore = options.now ?? new Date();
  // PBS leaves the serial at 0 and makes each subject unique with a random OU instead; we keep
  // the random OU and also give a random serial, which every TLS client accepts.
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: [{ O: ['Proxmox Backup Server'] }, { OU: [randomUUID().toUpperCase()] }, { CN: [fqdn] }],
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * 86_400_000),
    signingAlgorithm: signing,
    keys: { privateKey, publicKey },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, false),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(pbsAltNames(fqdn, altNames), false),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(publicKey),
    ],
  });
  const certPem = cert.toString('pem') + '\n';
  const keyPem = pair.privateKey.export({ type: keyType === 'rsa' ? 'pkcs1' : 'pkcs8', format: 'pem' }) as string;
  return { certPem, keyPem, info: certInfo(certPem) };
}

function randomSerialHex(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // positive
  bytes[0] |= 0x01; // no leading zero byte to strip
  return Buffer.from(bytes).toString('hex');
}

export interface CertInfo {
  subject: string;
  issuer: string;
  altNames: string[];
  notBefore: Date;
  notAfter: Date;
  expired: boolean;
  /** Whole days until notAfter (negative once expired). */
  daysLeft: number;
  selfSigned: boolean;
  publicKey: { type: string; bits?: number; curve?: string };
  /** SHA-256 over the DER certificate, lower-case hex pairs joined by ':' (PBS's fingerprint form). */
  fingerprint: string;
  serial: string;
  /** How many certificates the PEM holds (the first is described). */
  certificates: number;
}

/** PBS shows names as `O = …, OU = …, CN = …`; Node gives one `KEY=value` per line. */
function displayName(name: string): string {
  return name
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const i = l.indexOf('=');
      return i < 0 ? l : `${l.slice(0, i)} = ${l.slice(i + 1)}`;
    })
    .join(', ');
}

const BEGIN_CERT = '-----BEGIN CERTIFICATE-----';

/** Describes the first certificate of a PEM text; CertError with a specific reason otherwise. */
export function certInfo(pem: string, now = new Date()): CertInfo {
  if (pem.trim() === '') throw new CertError('the file is empty; expected a PEM certificate (-----BEGIN CERTIFICATE-----)');
  const count = pem.split(BEGIN_CERT).length - 1;
  if (count === 0) {
    if (/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
      throw new CertError('this is a private key, not a certificate; give the .pem certificate (e.g. proxy.pem, not proxy.key)');
    }
    throw new CertError('no PEM certificate found (expected a -----BEGIN CERTIFICATE----- block)');
  }
  const start = pem.indexOf(BEGIN_CERT);
  const endMarker = '-----END CERTIFICATE-----';
  const end = pem.indexOf(endMarker, start);
  if (end < 0) throw new CertError('the certificate is truncated: no -----END CERTIFICATE----- line');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem.slice(start, end + endMarker.length));
  } catch {
    throw new CertError('the certificate block is corrupt (its base64 or DER content does not parse)');
  }
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const details = cert.publicKey.asymmetricKeyDetails ?? {};
  return {
    subject: displayName(cert.subject),
    issuer: displayName(cert.issuer),
    altNames: (cert.subjectAltName ?? '').split(', ').filter((s) => s !== ''),
    notBefore,
    notAfter,
    expired: notAfter.getTime() < now.getTime(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    selfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
    publicKey: {
      type: cert.publicKey.asymmetricKeyType ?? 'unknown',
      ...(details.modulusLength !== undefined ? { bits: details.modulusLength } : {}),
      ...(details.namedCurve !== undefined ? { curve: details.namedCurve } : {}),
    },
    fingerprint: cert.fingerprint256.toLowerCase(),
    serial: cert.serialNumber.toLowerCase(),
    certificates: count,
  };
}

/**
 * The first certificate of the PEM file at `path` (read whole, at most READ_LIMITS.pemFile bytes).
 * Throws FileReadError (or a file system error) when the file cannot be read, and CertError,
 * naming the file, when it holds no certificate.
 */
export async function readCertificate(path: string, options: { signal?: AbortSignal; now?: Date } = {}): Promise<CertInfo> {
  const pem = await readRegularTextFile(path, { maxBytes: READ_LIMITS.pemFile, what: 'certificate file', signal: options.signal });
  try {
    return certInfo(pem, options.now);
  } catch (err) {
    if (err instanceof CertError) throw new CertError(`certificate file ${quoted(path)}: ${err.message}`);
    throw err;
  }
}

/**
 * The certificate in lines, as `pbs-tools cert` prints it and VS Code's Show Certificate Info shows
 * it; its names are the certificate's text, kept on their line whatever they hold.
 */
export function describeCertificate(c: CertInfo): string[] {
  const e = escapeControls;
  const key = c.publicKey.bits ? `${c.publicKey.type.toUpperCase()} ${c.publicKey.bits} bits` : `${c.publicKey.type.toUpperCase()} ${c.publicKey.curve ?? ''}`.trim();
  const lines = [
    `subject:     ${e(c.subject)}`,
    `issuer:      ${e(c.issuer)}${c.selfSigned ? ' (self-signed)' : ''}`,
    `SANs:        ${e(c.altNames.join(', ')) || '(none)'}`,
    `valid from:  ${c.notBefore.toISOString()}`,
    `valid until: ${c.notAfter.toISOString()} (${c.expired ? `EXPIRED ${-c.daysLeft} days ago` : `${c.daysLeft} days left`})`,
    `public key:  ${key}`,
    `serial:      ${e(c.serial)}`,
    `fingerprint: ${c.fingerprint}`,
  ];
  if (c.certificates > 1) lines.push(`(the file holds ${c.certificates} certificates; this is the first)`);
  return lines;
}
