// Names that look meant as a PBS file but are not one (datastores.cfg, datastore.conf, user.cfg.j2):
// a directory walk skips them, and lint says so, so that a typo does not pass as "no errors".
// Only near names are reported, not every README beside the configuration.
import { distance } from 'fastest-levenshtein';
import { FILE_KINDS } from '../service/light.ts';

/** The base names PBS reads (acme/plugins.cfg as plugins.cfg); acme/accounts holds any name. */
const PBS_NAMES = FILE_KINDS.map((k) => k.name.split('/').pop()!).filter((n) => n !== 'accounts');
const PBS_STEMS = new Map(PBS_NAMES.map((n) => [n.slice(0, n.indexOf('.') < 0 ? n.length : n.indexOf('.')), n]));

/**
 * Why the walk skipped `name` (a base name it did not recognize), when the name looks meant as a
 * PBS file: "not a PBS file name (did you mean datastore.cfg?)". Undefined for other names.
 */
export function skippedNameReason(name: string): string | undefined {
  if (name.startsWith('.')) return undefined; // editor swap files, our own temporary files
  if (name === 'plugins.cfg') return 'PBS reads plugins.cfg only as acme/plugins.cfg';
  const dot = name.indexOf('.');
  const stem = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? '' : name.slice(dot);
  let like: string | undefined;
  let best = 3;
  for (const pbs of PBS_NAMES) {
    const d = distance(name, pbs);
    if (d < best) [like, best] = [pbs, d];
  }
  // datastores.cfg, tfa.jsn (within two edits); datastore.conf, sync.cfg.j2 (a PBS name's stem)
  if (!like && PBS_STEMS.has(stem) && /^\.(cfg|conf|config|json)\b/.test(rest)) like = PBS_STEMS.get(stem);
  if (like) return `not a PBS file name (did you mean ${like}?)`;
  if (/\.cfg(\.|$)/.test(name)) return 'not a PBS file name'; // any other .cfg (or .cfg.bak)
  return undefined;
}
