#!/usr/bin/env bash
# Runs a command without the variables an outer `npm run` exports (npm_config_*, npm_package_*,
# npm_lifecycle_*, npm_node_execpath, NODE, INIT_CWD). An inner npm under another Node would take
# them as its own: code-server's postinstall reads the Node version from npm_config_user_agent
# ("requires node v24 … you are on node v20") when the setup runs inside `npm test`.
# Usage: clean-npm-env.sh [NAME=VALUE]... COMMAND [ARG]...
set -euo pipefail
unset_args=()
for name in $(compgen -e); do
  case "$name" in npm_* | NPM_* | NODE | INIT_CWD) unset_args+=(-u "$name") ;; esac
done
exec env "${unset_args[@]}" "$@"
