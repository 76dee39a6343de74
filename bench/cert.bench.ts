// `pbs-tools cert generate` (RSA-4096, as PBS) next to `openssl req -x509 -newkey rsa:4096` with
// the same subject, validity and extensions: whole processes, interleaved, median of RUNS each.
// RSA key generation time is random with a heavy tail (both draw primes with OpenSSL's code, so
// the difference is Node's start and the certificate around the key): a median of 11 swung
// 0.91–1.30× between runs, hence 21; p90 is shown too.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cliPath, hasProgram, median, percentile, timeProcess, type Bench } from './harness.ts';

const RUNS = 21;

const bench: Bench = async () => {
  if (!hasProgram('openssl')) return { title: 'Certificates', rows: [], notes: ['openssl not found: anchor missing, nothing measured.'] };
  const ours: number[] = [];
  const theirs: number[] = [];
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined };
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'pbs-cert-bench-'));
    ours.push(timeProcess(process.execPath, [cliPath(), 'cert', 'generate', '--out-dir', join(dir, 'a'), '--cn', 'pbs.example.com'], { env }));
    theirs.push(
      timeProcess('openssl', [
        'req', '-x509', '-newkey', 'rsa:4096', '-nodes', '-sha256', '-days', '365000',
        '-keyout', join(dir, 'proxy.key'), '-out', join(dir, 'proxy.pem'),
        '-subj', '/O=Proxmox Backup Server/OU=00000000-0000-0000-0000-000000000000/CN=pbs.example.com',
        '-addext', 'basicConstraints=CA:FALSE', '-addext', 'extendedKeyUsage=serverAuth',
        '-addext', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost,DNS:pbs,DNS:pbs.example.com',
      ]),
    );
    rmSync(dir, { recursive: true, force: true });
  }
  const o = median(ours);
  const t = median(theirs);
  return {
    title: 'Certificates',
    rows: [{ name: `cert generate, RSA-4096 (median of ${RUNS})`, value: o, unit: 'ms', anchor: { name: 'openssl req -x509 -newkey rsa:4096', value: t }, ratio: o / t, target: '≤ 1.2×', met: o / t <= 1.2 }],
    notes: [`p90: ours ${percentile(ours, 90).toFixed(0)} ms, openssl ${percentile(theirs, 90).toFixed(0)} ms (key generation time is random).`, 'Both run without NODE_EXTRA_CA_CERTS (this machine sets it; it costs every Node start ~60 ms).'],
  };
};
export default bench;
