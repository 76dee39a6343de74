// validateJsonFile as a specification: PBS's JSON files (read by serde_json: strict JSON) in,
// problems out at the offending node. Syntax errors keep their exact position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateJsonFile } from '../../../schema/validate-json.ts';
import { expectProblems as expectProblemsOf } from '../../helpers/problems.ts';

const expectProblems = (kind: string, src: string, expected: [code: string, severity: string][]) => expectProblemsOf(src, (text) => validateJsonFile(kind, text), expected);

const KEY =
  '{"kdf":{"Scrypt":{"n":65536,"r":8,"p":1,"salt":"VP/1P3MsIGLM+tzQfEi9tb7CABvTuyg/gS3ATebxvyo="}},"created":"2025-03-14T09:26:53+01:00",' +
  '"modified":"2025-03-14T09:26:53+01:00","data":"36Vk9YigYB8Vibf55F/R6QnK5HG5LGpV0CiazRc2LSsEUYSnjWsDn/HaxVOZ6IjpXnNzuA0VppX6LamdmA==",' +
  '"fingerprint":"2d:20:a9:6f:a2:08:01:00:a1:c3:64:0f:ef:25:9a:73:c1:0a:af:b6:fb:f1:b8:17:58:6a:6f:fe:e4:1f:f5:f5"}';

test('JSON files as PBS writes them give no problem', () => {
  expectProblems('encryption-key.json', KEY, []);
  expectProblems('encryption-key.json', '{"kdf":null,"created":"2025-03-14T09:26:53Z","modified":"2025-03-14T09:26:53Z","data":"AAAA"}', []);
  expectProblems('token.shadow', '{"backup@pbs!pve-cluster":"$y$j9T$z/xLQ3m3$61UVGnQl","sync@pbs!push":"$5$abc$def"}', []);
  expectProblems('shadow.json', '{\n  "admin": "$y$j9T$abc$def"\n}\n', []);
  expectProblems('tfa.json', '{"users":{"root@pam":{"totp":[{"id":"a","created":1700000000,"entry":"otpauth://totp/x?secret=ABC"}]}}}', []);
});

test('a syntax error is reported where jsonc-parser finds it', () => {
  const [p] = expectProblems('token.shadow', '{"a@pbs!t":"x" <|"b@pbs!t"|>:"y"}', [['syntax', 'error']]);
  assert.match(p.message, /',' was expected/);
});

test('comments and trailing commas are not JSON (PBS reads strict JSON)', () => {
  expectProblems('token.shadow', '{<|// tokens|>\n"a@pbs!t":"x"}', [['syntax', 'error']]);
  const [p] = expectProblems('token.shadow', '{"a@pbs!t":"x"<|,|>}', [['syntax', 'error']]);
  assert.match(p.message, /trailing comma/);
});

test('an empty file is a syntax error', () => {
  expectProblems('token.shadow', '<||>', [['syntax', 'error']]);
});

test('a value that fails its pattern is invalid-format at the value', () => {
  const bad = KEY.replace('Rc2LSs', 'Rc2<|*|>LSs');
  const [p] = expectProblems('encryption-key.json', bad, [['invalid-format', 'error']]);
  assert.match(p.message, /data: .* does not match the pattern .*'\*' is not allowed there/);
});

test('a missing required property is flagged on the object, a wrong type on the value', () => {
  const [p] = expectProblems('encryption-key.json', '<|{|>"kdf":null,"created":"2025-03-14T09:26:53Z","data":"AAAA"}', [['json-schema', 'error']]);
  assert.match(p.message, /lacks the required property 'modified'/);
  expectProblems('tfa.json', '{"users":{"root@pam":{"totp":[{"id":"a","created":<|"yesterday"|>,"entry":"otpauth://totp/x"}]}}}', [['json-schema', 'error']]);
});

test('an unknown field where PBS refuses unknown fields is flagged on its key, with did-you-mean', () => {
  const [p] = expectProblems('tfa.json', '{"users":{"root@pam":{<|"totps"|>:[]}}}', [['json-schema', 'error']]);
  assert.equal(p.data?.suggestion, 'totp');
});

test('a token.shadow key that is not a token id is flagged on the key', () => {
  expectProblems('token.shadow', '{"<|backup pbs|>":"$y$x"}', [['invalid-format', 'error']]);
});

test('oneOf: only the branch the file evidently meant is reported', () => {
  const bad = KEY.replace('"n":65536', '"n":<|"65536"|>');
  const [p] = expectProblems('encryption-key.json', bad, [['json-schema', 'error']]);
  assert.match(p.message, /kdf\.Scrypt\.n must be integer/);
});

// Rules checked against the Rust source in the 2026-12 audit (proxmox-rs f3305009, proxmox-tfa and
// proxmox-acme): serde refuses the whole tfa.json / account file on these, or accepts them.

test('tfa.json: the WebAuthn origin must be an absolute URL; keys of users are not checked', () => {
  const webauthn = (origin: string) => `{"webauthn":{"rp":"pbs","origin":${origin},"id":"pbs.example.com"}}`;
  expectProblems('tfa.json', webauthn('"https://pbs.example.com:8007"'), []);
  const [p] = expectProblems('tfa.json', webauthn('"<|pbs example|>"'), [['invalid-format', 'error']]);
  assert.match(p.message, /absolute URL/);
  // PBS keeps entries of users that no longer exist (and any key) until they are cleaned up
  expectProblems('tfa.json', '{"users":{"old user":{"totp":[]}}}', []);
});

test('tfa.json: U2F and WebAuthn registrations need the members PBS deserializes', () => {
  // a missing member is flagged on the key of the object that lacks it
  const u2f = (entry: string) => `{"users":{"root@pam":{"u2f":[{"id":"a","created":1700000000,${entry}}]}}}`;
  expectProblems('tfa.json', u2f('"entry":{"key":{"keyHandle":"qw_-","version":"U2F_V2"},"public-key":"BA+/=="}'), []);
  const [p] = expectProblems('tfa.json', u2f('<|"entry"|>:{"key":{"keyHandle":"qw","version":"U2F_V2"}}'), [['json-schema', 'error']]);
  assert.match(p.message, /public-key/);
  const webauthn = (entry: string) => `{"users":{"root@pam":{"webauthn":[{"id":"a","created":1700000000,${entry}}]}}}`;
  expectProblems('tfa.json', webauthn('"entry":{"cred_id":"abc","cred":{"type_":"EDDSA"},"counter":3,"backup_eligible":true}'), []);
  const [q] = expectProblems('tfa.json', webauthn('<|"entry"|>:{"cred_id":"abc","cred":{}}'), [['json-schema', 'error']]);
  assert.match(q.message, /counter/);
});

test('acme account: the "<invalid>" status PBS uses for unconfirmed accounts is accepted; onlyReturnExisting is a boolean', () => {
  const account = (extra: string) =>
    `{"location":"https://acme.example/acct/1","account":{"status":"<invalid>"${extra}},"key":"-----BEGIN PRIVATE KEY-----\\nMC4=\\n-----END PRIVATE KEY-----\\n","directoryUrl":"https://acme.example/directory"}`;
  expectProblems('acme/accounts', account(''), []);
  expectProblems('acme/accounts', account(',"onlyReturnExisting":<|"no"|>'), [['json-schema', 'error']]);
});
