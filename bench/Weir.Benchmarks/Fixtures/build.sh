#!/usr/bin/env bash
# Rebuilds the benchmark fixtures from their .wat sources (needs wabt).
set -euo pipefail
cd "$(dirname "$0")"
python3 generate-filter20k.py
for source in *.wat; do wat2wasm "$source" -o "${source%.wat}.wasm"; done
