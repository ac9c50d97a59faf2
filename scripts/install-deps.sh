#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing.
# Run by the Makefile when a dependency is not found; safe to run by hand.
set -euo pipefail

PKGS=(build-essential pkg-config libgtest-dev clang llvm libclang-rt-14-dev libsystemc-dev verilator)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}"
