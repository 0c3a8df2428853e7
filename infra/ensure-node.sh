#!/usr/bin/env bash
# The dashboard's browser libraries come from npm (web/package-lock.json): make sure node and npm exist.
# Debian's packages when missing; quick when present.
set -euo pipefail
command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 && exit 0
echo "[infra] installing nodejs and npm (dashboard build)" >&2
export DEBIAN_FRONTEND=noninteractive
if ! compgen -G "/var/lib/apt/lists/*_Packages" >/dev/null; then apt-get update -qq; fi
apt-get install -y -qq nodejs npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
