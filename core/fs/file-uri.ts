// `file:` URIs and paths on this machine (Node). The workspace keeps a `file:` document by its
// path; any other URI (untitled:…, a file: URI of another host) stands for itself.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The path of a `file:` URI of this machine; any other URI is returned as it is. */
export function pathOfUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri; // a file: URI of another machine (file://host/…): not a path here
  }
}

/** The URI of a workspace path: an absolute path becomes a `file:` URI; anything else was a URI already. */
export function uriOfPath(path: string): string {
  return path.startsWith('/') ? pathToFileURL(path).href : path;
}
