// The Node flags the language server is started with where we start it (the VS Code client). Other
// editors start `pbs-language-server` themselves; the README shows them NODE_OPTIONS for the same.
//
// V8 grows the young generation to two 16 MB semi-spaces while a big file is parsed and gives them
// back only when its memory reducer sees the server idle (8–30 s later, or not within 40 s): a
// server holding a 50k-section user.cfg (34 MB live) peaked at 135–150 MB RSS, and 112–113 MB with
// 4 MB semi-spaces, with no loss of edit latency (bench/lsp.bench.ts). The flag must be given at
// start: a running Node cannot resize its heap.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
