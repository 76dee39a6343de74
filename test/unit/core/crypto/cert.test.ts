// Self-signed certificates as PBS makes proxy.pem, read back by Node and by the openssl CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { CertError, certInfo, defaultFqdn, generateSelfSignedCert, pbsAltNames } from '../../../../core/crypto/cert.ts';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

test('the FQDN is the node name plus the first domain of the last search/domain line', () => {
  assert.equal(defaultFqdn('nameserver 192.0.2.1\nsearch example.com other.org\n', 'pbs1.whatever'), 'pbs1.example.com');
  assert.equal(defaultFqdn('domain a.example\nsearch b.example\n', 'pbs1'), 'pbs1.b.example');
  assert.equal(defaultFqdn('nameserver 192.0.2.1\n', 'pbs1'), 'pbs1');
});

test('SANs: loopback addresses, localhost, node name and FQDN, then the extra ones, no duplicates', () => {
  assert.deepEqual(pbsAltNames('pbs1.example.com', ['backup.example.org', '192.0.2.7', 'localhost']), [
    { type: 'ip', value: '127.0.0.1' },
    { type: 'ip', value: '::1' },
    { type: 'dns', value: 'localhost' },
    { type: 'dns', value: 'pbs1' },
    { type: 'dns', value: 'pbs1.example.com' },
    { type: 'dns', value: 'backup.example.org' },
    { type: 'ip', value: '192.0.2.7' },
  ]);
  assert.deepEqual(pbsAltNames('localhost').map((n) => n.value), ['127.0.0.1', '::1', 'localhost']);
});

test('a generated certificate has PBS subject, SANs, validity, extensions and a matching PKCS#1 key', async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const g = await generateSelfSignedCert({ commonName: 'pbs1.example.com', altNames: ['192.0.2.7'], bits: 2048, now });
  const cert = new X509Certificate(g.certPem);
  assert.match(cert.subject, /^O=Proxmox Backup Server\nOU=[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\nCN=pbs1\.example\.com$/);
  assert.equal(cert.issuer, cert.subject);
  assert.equal(cert.subjectAltName, 'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, DNS:pbs1, DNS:pbs1.example.com, IP Address:192.0.2.7');
  assert.equal(new Date(cert.validFrom).toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(new Date(cert.validTo).getTime() - now.getTime(), 365_000 * 86_400_000);
  assert.ok(cert.verify(cert.publicKey));
  assert.match(g.keyPem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.ok(cert.checkPrivateKey(createPrivateKey(g.keyPem)));
  assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  assert.equal(g.info.fingerprint, cert.fingerprint256.toLowerCase());
  assert.match(g.info.fingerprint, /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);

  if (hasOpenssl) {
    const text = spawnSync('openssl', ['x509', '-noout', '-text'], { input: g.certPem }).stdout.toString();
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /X509v3 Basic Constraints: *\n *CA:FALSE/);
    assert.match(text, /X509v3 Extended Key Usage: *\n *TLS Web Server Authentication/);
    assert.match(text, /X509v3 Subject Key Identifier/);
    assert.match(text, /X509v3 Authority Key Identifier/);
    assert.doesNotMatch(text, /critical/);
    const order = ['Basic Constraints', 'Extended Key Usage', 'Subject Alternative Name', 'Subject Key Identifier', 'Authority Key Identifier'].map((e) => text.indexOf(`X509v3 ${e}`));
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'extensions in PBS order');
    const fp = spawnSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: g.certPem }).stdout.toString();
    assert.equal(fp.trim().split('=')[1].toLowerCase(), g.info.fingerprint);
  }
});

test('RSA-4096 is the default, as PBS', async () => {
  const g = await generateSelfSignedCert({ commonName: 'pbs.example.com' });
  assert.equal(g.info.publicKey.bits, 4096);
  assert.equal(g.info.publicKey.type, 'rsa');
});

test('EC P-256 keys are offered too, with a PKCS#8 key', async () => {
  const g = await generateSelfSignedCert({ commonName: 'pbs.example.com', keyType: 'ec' });
  assert.deepEqual(g.info.publicKey, { type: 'ec', curve: 'prime256v1' });
  assert.match(g.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
});

test('bad options are refused with the reason', async () => {
  await assert.rejects(generateSelfSignedCert({ commonName: 'bad name!' }), (e) => e instanceof CertError && /neither a DNS name nor an IP/.test(e.message));
  await assert.rejects(generateSelfSignedCert({ commonName: 'a.example', bits: 1024 }), /RSA keys are 2048, 3072, 4096 bits/);
  await assert.rejects(generateSelfSignedCert({ commonName: 'a.example', keyType: 'ec', bits: 521 }), /EC keys are 256 or 384/);
  await assert.rejects(generateSelfSignedCert({ commonName: 'a.example', days: 0 }), /1 to 365000 days/);
});

test('certInfo explains what is wrong with a file that is not a certificate', async () => {
  const g = await generateSelfSignedCert({ commonName: 'pbs.example.com', bits: 2048 });
  assert.throws(() => certInfo(''), /empty/);
  assert.throws(() => certInfo(g.keyPem), /private key, not a certificate/);
  assert.throws(() => certInfo('hello'), /no PEM certificate found/);
  assert.throws(() => certInfo(g.certPem.slice(0, 200)), /truncated/);
  const corrupt = g.certPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
  assert.throws(() => certInfo(corrupt), /corrupt/);
  const chain = certInfo(g.certPem + g.certPem);
  assert.equal(chain.certificates, 2);
  const later = certInfo(g.certPem, new Date(Date.now() + 365_001 * 86_400_000));
  assert.equal(later.expired, true);
  assert.ok(later.daysLeft < 0);
});
