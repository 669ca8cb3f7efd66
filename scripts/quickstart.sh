#!/usr/bin/env bash
# The one command for a newcomer: installs what is missing, builds, and runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh
swift build -c release --product memograph
memograph=.build/release/memograph
$memograph model fetch
$memograph demo "$@"
