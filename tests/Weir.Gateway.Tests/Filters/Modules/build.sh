#!/usr/bin/env bash
# Rebuilds the test filters of this folder from their .wat sources (wat2wasm: apt-get install -y wabt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for source in *.wat; do
  wat2wasm "$source" -o "${source%.wat}.wasm"
done
