#!/usr/bin/env bash
# The one command that runs the tests: installs what is missing, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh
swift build --build-tests
swift test --skip-build
