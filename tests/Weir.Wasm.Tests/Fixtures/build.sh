#!/usr/bin/env bash
# Rebuilds the .wasm fixtures from their .wat sources (needs wabt: apt-get install -y wabt).
set -euo pipefail
cd "$(dirname "$0")"
for source in *.wat; do
  wat2wasm --debug-names "$source" -o "${source%.wat}.wasm"
done
