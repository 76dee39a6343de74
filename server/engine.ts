// Everything the server needs that is heavy to load (the grammars, ajv and the schemas): the
// service's contract plus the server's own disk reader. The server imports this lazily, on the
// first document, so that `initialize` is answered fast.
export * from '../service/index.ts';
export { DiskFiles } from './disk-files.ts';
