// Everything the server needs that is heavy to load (the grammars, ajv and the schemas): the
// service's contract. The server imports this lazily, on the first document, so that `initialize`
// is answered fast.
export * from '../service/index.ts';
