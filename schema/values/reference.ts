// References (`x-pbs-ref`): a value that names an object defined elsewhere (a datastore, a
// remote, a user …). What the object is and which exist is the workspace's knowledge: the
// service supplies it (ValueHover.referenceLines, ValueCompletion.references).
import type { RefAnnotation } from '../registry.ts';
import type { ValueKind } from './value-kind.ts';

export const reference: ValueKind = {
  name: 'reference',
  matches: (schema) => schema['x-pbs-ref'] !== undefined,
  describe(text, schema, hover) {
    hover.w.title(text, `${hover.label}: ${refTarget(schema['x-pbs-ref']!)}`);
    hover.referenceLines();
  },
  complete: (schema, completion) => completion.references(schema['x-pbs-ref']!),
};

/** `datastore in datastore.cfg`: what a reference names. */
export function refTarget(ref: RefAnnotation): string {
  // Names of whole files (acme/accounts) have no section types.
  const types = ref.sectionTypes?.length ? ref.sectionTypes.join(' or ') : 'an object';
  return `${types} in ${ref.kind}`;
}
