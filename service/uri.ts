// The URI of a workspace path: the server stores `file:` documents by their path, which become
// `file:` URIs again; anything else (untitled:…) was kept as the client's URI.
import { pathToFileURL } from 'node:url';

export function uriOfPath(path: string): string {
  return path.startsWith('/') ? pathToFileURL(path).href : path;
}
