// The messages of the section-config grammar's problems (grammar/section-config.ts): each says what
// PBS says (its error, in parentheses) and how to fix the line.

export const MSG_HASH_OUTSIDE =
  "'#' does not start a comment: PBS section-config files have no comment syntax (PBS: expected header). " +
  "Remove the line, or put the text into a section's 'comment' property.";
export const MSG_HASH_INSIDE =
  "'#' does not start a comment: PBS section-config files have no comment syntax (PBS: expected section " +
  "properties). Remove the line, or put the text into the section's 'comment' property.";
export const MSG_ORPHAN_PROPERTY =
  'property line outside of any section (PBS: expected header): it needs a \'<type>: <id>\' header above it ' +
  'with no blank line in between, since a blank line ends a section. Remove the blank line above, or add a header.';
export const MSG_HEADER_WITHOUT_BLANK =
  'section header directly after the previous section (PBS: expected section properties): PBS needs a ' +
  'blank line between sections. Insert an empty line before this header.';
export const MSG_NOT_INDENTED =
  'line inside a section is not indented (PBS: expected section properties): property lines start with a ' +
  'tab or blank, and a blank line must end the section before the next header. Indent the line or remove it.';

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function notAHeaderMessage(line: string): string {
  const c = line.codePointAt(0) ?? 0;
  if (c === 0xfeff) {
    return (
      'line starts with an invisible byte order mark (U+FEFF), so it is not a section header (PBS: expected ' +
      'header). Remove the U+FEFF character.'
    );
  }
  if (/\p{Alphabetic}/u.test(String.fromCodePoint(c))) {
    return (
      `'${shown(line)}' is not a section header: a header is '<type>: <id>' and this line has no ':' ` +
      "(PBS: expected header). Add the ':' between section type and id."
    );
  }
  return (
    "expected a section header (PBS: expected header): a header is '<type>: <id>' and starts with a letter " +
    'in the first column. Fix or remove this line.'
  );
}

export function keyWithoutBlankMessage(key: string): string {
  return (
    `property '${shown(key)}' has no blank after its key (PBS: expected section properties): write ` +
    `'${shown(key)} <value>', or '${shown(key)} ' with a trailing blank for an empty value.`
  );
}
