// Synthetic PBS files for the benchmarks, written the way PBS writes them.

export function userCfg(sections: number): string {
  const out: string[] = [];
  for (let i = 0; i < sections; i++) {
    if (i % 5 === 4) {
      out.push(`token: user${i - 1}@pbs!backup${i}\n\tcomment automation token ${i}\n\tenable true\n\texpire 0\n`);
    } else {
      out.push(
        `user: user${i}@pbs\n\tcomment Backup operator number ${i}\n\temail user${i}@example.com\n\tenable true\n` +
          `\texpire ${1700000000 + i}\n\tfirstname First${i}\n\tlastname Last${i}\n`,
      );
    }
  }
  return out.join('\n');
}

export function aclCfg(lines: number): string {
  const roles = ['Admin', 'Audit', 'DatastoreAdmin', 'DatastoreBackup', 'DatastoreReader', 'DatastorePowerUser', 'RemoteSyncOperator'];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const path = i % 3 === 0 ? `/datastore/store${i % 50}` : i % 3 === 1 ? `/datastore/store${i % 50}/ns${i % 7}` : `/remote/remote${i % 20}`;
    out.push(`acl:${i % 2}:${path}:user${i}@pbs,user${i + 1}@pbs!tok:${roles[i % roles.length]}`);
  }
  return out.join('\n') + '\n';
}

/**
 * A datastore.cfg of `sections` datastores. `deprecatedKeys`: each also carries `keep-daily` and
 * `keep-last`, which PBS still reads but has moved to prune jobs (two `deprecated` hints each).
 */
export function datastoreCfg(sections: number, deprecatedKeys = false): string {
  const out: string[] = [];
  for (let i = 0; i < sections; i++) {
    out.push(
      `datastore: store${i}\n\tcomment datastore ${i} revision 1\n\tgc-schedule sat 03:${String(i % 60).padStart(2, '0')}\n` +
        (deprecatedKeys ? `\tkeep-daily 7\n\tkeep-last 3\n` : '') +
        `\tnotification-mode notification-system\n\tpath /mnt/datastore/store${i}\n` +
        `\ttuning chunk-order=inode,sync-level=filesystem\n\tverify-new true\n`,
    );
  }
  return out.join('\n');
}

/** The floor: a minimal regex line parser of a section-config file (no validation at all). */
export function regexSectionParse(text: string): number {
  let sections = 0;
  let current: Record<string, string> | undefined;
  const header = /^([A-Za-z][^:]*):\s*(.*)$/;
  const prop = /^\s+(\S+)\s+(.*)$/;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    let m = prop.exec(line);
    if (m && current) {
      current[m[1]] = m[2];
      continue;
    }
    m = header.exec(line);
    if (m) {
      current = { type: m[1], id: m[2] };
      sections++;
    }
  }
  return sections;
}

/** The floor for acl.cfg: one regex per line. */
export function regexAclParse(text: string): number {
  let n = 0;
  const re = /^acl:([01]):([^:]*):([^:]*):([^:]*)$/;
  for (const line of text.split('\n')) {
    const m = re.exec(line.trim());
    if (m) {
      m[3].split(',');
      m[4].split(',');
      n++;
    }
  }
  return n;
}

/**
 * A configuration tree of `jobs` scheduled jobs over 20 datastores, as files by name. Typical: GC
 * daily, verification weekly, sync and prune daily, tape backup weekly (about 10k runs in 31 days).
 * Busy: a fifth of the jobs are syncs every hour or every 30 minutes (about 120k runs).
 */
export function jobTree(jobs: number, busy: boolean): Record<string, string> {
  const stores = 20;
  const hhmm = (i: number) => `${String(i % 24).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const datastore: string[] = [];
  for (let s = 0; s < stores; s++) datastore.push(`datastore: store${s}\n\tpath /mnt/datastore/store${s}\n\tgc-schedule ${hhmm(s)}\n`);
  const rest = jobs - stores;
  const verify: string[] = [];
  const sync: string[] = [];
  const prune: string[] = [];
  const tape: string[] = [];
  for (let i = 0; i < rest; i++) {
    const store = `store${i % stores}`;
    const slot = i % 10;
    if (busy && slot < 2) {
      sync.push(`sync: busy-${i}\n\tstore ${store}\n\tremote remote${i % 5}\n\tremote-store src${i}\n\tschedule ${i % 2 ? 'hourly' : `*:${String(i % 30).padStart(2, '0')}/30`}\n`);
    } else if (slot < 4) verify.push(`verification: v-${i}\n\tstore ${store}\n\tschedule ${days[i % 7]} ${hhmm(i)}\n\toutdated-after 30\n`);
    else if (slot < 7) sync.push(`sync: s-${i}\n\tstore ${store}\n\tremote remote${i % 5}\n\tremote-store src${i}\n\tschedule ${hhmm(i)}\n`);
    else if (slot < 9) prune.push(`prune: p-${i}\n\tstore ${store}\n\tschedule ${hhmm(i)}\n\tkeep-daily 7\n\tkeep-weekly 4\n`);
    else tape.push(`backup: t-${i}\n\tstore ${store}\n\tpool pool${i % 3}\n\tdrive drive0\n\tschedule ${days[i % 7]} ${hhmm(i)}\n`);
  }
  return {
    'datastore.cfg': datastore.join('\n'),
    'verification.cfg': verify.join('\n'),
    'sync.cfg': sync.join('\n'),
    'prune.cfg': prune.join('\n'),
    'tape-job.cfg': tape.join('\n'),
  };
}
