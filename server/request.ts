// The one wrapper every request handler goes through: its params are checked (InvalidParams
// naming the field), cancellation is honoured (RequestCancelled, and an AbortSignal for long
// work), the open document is looked up (documentRequest), and errors are mapped and logged in
// one place — a ResponseError goes to the client as it is, a bug is logged with its stack on
// stderr (the editor's server log) and becomes InternalError, or the request's quiet answer for
// requests the editor sends on its own (hover, folding …), which must not pop up an error on
// every keystroke.
import { ErrorCodes, LSPErrorCodes, ResponseError } from './lsp.ts';
import type { CancellationToken } from 'vscode-languageserver';
import { escapeControls, escapeControlsKeepingLines } from '../core/control-chars.ts';
import { ParamsError, checkParams, type Check } from './params.ts';
import type { FeatureContext, Found } from './feature.ts';

export interface RequestScope {
  readonly token: CancellationToken;
  /** Aborted when the client cancels the request: hand it to long work (SHA-256 of a big file). */
  readonly signal: AbortSignal;
  /** Throws RequestCancelled when the client has cancelled the request. */
  checkCancelled(): void;
  /**
   * For long loops: after every ~20 ms of work, lets the other messages in (a hover during
   * workspace diagnostics), then throws RequestCancelled if the client cancelled meanwhile.
   */
  breathe(): Promise<void>;
  /**
   * `work`'s result, or RequestCancelled as soon as the client cancels: for waits on shared work
   * (the files beside a document, read through a slow client), which goes on for the others.
   */
  untilCancelled<T>(work: Promise<T>): Promise<T>;
}

/** Lets the event loop run the messages that came in (a Web Worker has no setImmediate). */
const nextTurn = typeof setImmediate === 'function' ? () => new Promise<void>((resolve) => setImmediate(resolve)) : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Work between two breaths of a long request. */
const BREATH_MS = 20;

export interface RequestOptions<R> {
  /**
   * What a bug in the handler answers (after logging it), for requests the editor sends by itself.
   * Without it, a bug is answered InternalError (requests the user asked for: rename, format).
   */
  quiet?: { answer: R };
}

/** The LSP "request cancelled" error: the client then knows the answer is not a (partial) result. */
export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

function logBug(name: string, err: unknown): void {
  // (a message may quote a document's text: its control characters are escaped, its lines kept)
  console.error(`pbs-language-server: ${name} failed: ${escapeControlsKeepingLines(err instanceof Error ? (err.stack ?? err.message) : String(err))}`);
}

/**
 * A request handler: `run` gets the checked params and a scope for cancellation. `name` is the
 * request as logs and error messages call it ("hover", "workspace/executeCommand").
 */
export function request<P, R>(name: string, check: Check<P>, run: (params: P, scope: RequestScope) => R | Promise<R>, options: RequestOptions<R> = {}): (params: P, token: CancellationToken) => Promise<R> {
  return async (raw, token) => {
    let controller: AbortController | undefined;
    let listener: { dispose(): void } | undefined;
    let breathed = performance.now();
    const scope: RequestScope = {
      token,
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (token.isCancellationRequested) controller.abort(cancelledError());
          else listener = token.onCancellationRequested(() => controller?.abort(cancelledError()));
        }
        return controller.signal;
      },
      checkCancelled() {
        if (token.isCancellationRequested) throw cancelledError();
      },
      async breathe() {
        if (performance.now() - breathed >= BREATH_MS) {
          await nextTurn();
          breathed = performance.now();
        }
        scope.checkCancelled();
      },
      untilCancelled(work) {
        if (token.isCancellationRequested) return Promise.reject(cancelledError());
        let subscription: { dispose(): void } | undefined;
        const cancelled = new Promise<never>((_, reject) => {
          subscription = token.onCancellationRequested(() => reject(cancelledError()));
        });
        return Promise.race([work, cancelled]).finally(() => subscription?.dispose());
      },
    };
    try {
      const params = checkParams(check, raw);
      scope.checkCancelled();
      return await run(params, scope);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      if (err instanceof ParamsError) throw new ResponseError(ErrorCodes.InvalidParams, `${name}: ${err.message}`);
      // Whatever long work threw after a cancel (an AbortError) means: cancelled.
      if (token.isCancellationRequested) throw cancelledError();
      logBug(name, err);
      if (options.quiet) return options.quiet.answer;
      throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${escapeControls(err instanceof Error ? err.message : String(err))} (the server log has the details)`);
    } finally {
      listener?.dispose();
    }
  };
}

/**
 * A request about one open document: after the params are checked, the document's current text
 * is parsed into the workspace (with the files beside it) and handed to `run`; a document that is
 * not open, or is no PBS file, gets `empty`.
 */
export function documentRequest<P extends { textDocument: { uri: string } }, R>(
  ctx: FeatureContext,
  name: string,
  check: Check<P>,
  empty: R,
  run: (found: Found, params: P, scope: RequestScope) => R | Promise<R>,
  options: RequestOptions<R> = {},
): (params: P, token: CancellationToken) => Promise<R> {
  return request(
    name,
    check,
    async (params, scope) => {
      // (loading the engine or the files beside the document may take a while: the client may give up)
      const found = await scope.untilCancelled(ctx.fileFor(params.textDocument.uri));
      if (!found) return empty;
      return run(found, params, scope);
    },
    options,
  );
}

/**
 * Runs a service call that may throw on a bug without failing the whole answer: logged, and
 * `fallback` used (one file of the workspace that cannot be diagnosed must not cost the others
 * their report).
 */
export function orLogged<T>(what: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    logBug(what, err);
    return fallback;
  }
}
