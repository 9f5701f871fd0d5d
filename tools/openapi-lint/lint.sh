#!/usr/bin/env bash
# Lints OpenAPI documents with the Spectral pinned in package-lock.json and the rules in .spectral.yaml; fails on
# any error. Installs Spectral (npm ci) where node_modules does not hold the locked versions yet.
# Usage: lint.sh [--packaging=P] DOC...   (a Maven module of packaging pom, the services' parent, has no document)
set -euo pipefail
if [ "${1:-}" = "--packaging=pom" ]; then
  exit 0
fi
case "${1:-}" in --packaging=*) shift ;; esac
here=$(cd "$(dirname "$0")" && pwd)
stamp="$here/node_modules/.madoguchi-lock"
# services build in parallel (-T): one install at a time
exec 9>"$here/.install.lock"
flock 9
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$here" && npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  cp "$here/package-lock.json" "$stamp"
fi
flock -u 9
exec "$here/node_modules/.bin/spectral" lint --ruleset "$here/.spectral.yaml" --fail-severity error \
  --display-only-failures "$@"
