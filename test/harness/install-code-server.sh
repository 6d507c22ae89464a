#!/usr/bin/env bash
# Installs the VS Code the integration and UI tests run in: code-server 4.100.3 (VS Code 1.100.3,
# the newest that runs on Node 20), from the npm registry only, into an ignored folder.
# Idempotent: does nothing when that version is already there.
set -euo pipefail
VERSION=4.100.3
RG_PKG_VERSION=1.15.11      # @vscode/ripgrep pinned by code-server 4.100.3
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DEST=${RETRAC_CODE_SERVER_DIR:-"$(cd "$(dirname "$0")/../.." && pwd)/.vscode-test/code-server"}
BIN="$DEST/node_modules/.bin/code-server"
# Keep code-server's config file, logs, device id and ripgrep's download cache inside DEST, not in
# $HOME or /tmp (`code-server --version` alone writes config.yaml and coder-logs).
export XDG_CONFIG_HOME="$DEST/.xdg-config" XDG_DATA_HOME="$DEST/.xdg-data" XDG_CACHE_HOME="$DEST/.xdg-cache" TMPDIR="$DEST/.tmp"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$TMPDIR"

if [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "code-server $VERSION already installed in $DEST"
  exit 0
fi
command -v rg >/dev/null || { echo "ripgrep (Debian package 'ripgrep') is required" >&2; exit 1; }
start=$(date +%s)
# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here; seed its
# download cache with Debian's rg so the install never leaves the npm registry.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE"
[ -f "$RG_CACHE/$RG_ASSET" ] || tar czf "$RG_CACHE/$RG_ASSET" -C "$(dirname "$(command -v rg)")" rg
mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || echo '{"name":"retrac-code-server-runtime","private":true}' > package.json
# unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall uses npx.
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION"
"$BIN" --version
echo "code-server $VERSION installed in $(( $(date +%s) - start )) s"
