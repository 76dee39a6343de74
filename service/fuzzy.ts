// The match editors filter completion lists with: the typed characters appear in the label in
// order (case-insensitive). Used to narrow huge candidate lists before cutting them, so that what
// the admin is typing towards is never the part cut off.
export function fitsTyped(label: string, typed: string): boolean {
  const l = label.toLowerCase();
  let i = 0;
  for (const c of typed.toLowerCase()) {
    i = l.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  return true;
}
