#!/usr/bin/env bash
# Installs the offline VS Code test host once per machine: code-server 4.100.3 (= VS Code 1.100.3, real Node
# extension host) plus playwright-core, driven by Debian's Chromium. Reused by every clone afterwards.
set -euo pipefail
CS_VERSION=4.100.3
PW_VERSION=1.65.1
HOST_DIR=${PRUNA_VSCODE_HOST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pruna-vscode-host/code-server-$CS_VERSION}
marker="$HOST_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v openssl >/dev/null || need_apt+=(openssl)  # the proxy tests make a throw-away CA
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ -f "$marker" ] && [ -f "$HOST_DIR/node_modules/playwright-core/package.json" ]; then
  echo "vscode host already installed in $HOST_DIR"; exit 0
fi
echo "installing code-server $CS_VERSION into $HOST_DIR (one time, about 2-3 minutes)"
mkdir -p "$HOST_DIR" && cd "$HOST_DIR"
[ -f package.json ] || echo '{"name":"pruna-vscode-host","private":true}' > package.json
# @vscode/ripgrep's postinstall downloads rg from GitHub; pre-seed its cache with Debian's rg instead.
export TMPDIR="$HOST_DIR/tmp"
mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
tar -czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
# unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs `npx node-gyp`.
npm_config_unsafe_perm=true npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
  npm install --no-audit --no-fund --loglevel=error code-server@$CS_VERSION playwright-core@$PW_VERSION
test -f "$marker"
echo "vscode host ready in $HOST_DIR"
