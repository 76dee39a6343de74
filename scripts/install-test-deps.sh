#!/usr/bin/env bash
# Debian packages the test suite drives for real: Neovim and Emacs (eglot) for the headless editor
# tests, Chromium (+ libkrb5-dev, which code-server's native `kerberos` module builds against) for
# the VS Code end-to-end test; unzip to check the .vsix. Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail
need=()
command -v nvim >/dev/null || need+=(neovim)
command -v emacs >/dev/null || need+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^eglot-' || need+=(elpa-eglot)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v unzip >/dev/null || need+=(unzip)
if [ ${#need[@]} -eq 0 ]; then
  echo "test dependencies: all installed"
  exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
