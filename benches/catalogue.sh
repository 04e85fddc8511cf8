#!/usr/bin/env bash
# How load, validate and one ranking grow with the catalogue: 100, 1,000 and 10,000 generated
# paths (benches/gen_catalogue.py), each timed by hyperfine.
#   bash benches/catalogue.sh        # needs hyperfine and python3
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "error: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work"
# A fresh copy, as one-shot.sh runs: a binary cargo relinked in place starts slower.
cp target/release/ctopath "$work/ctopath"
ctopath="$work/ctopath"
answers="$PWD/examples/builder-who-wants-ownership.json"
for n in 100 1000 10000; do
  python3 benches/gen_catalogue.py "$n" "$work/cat$n"
done
hyperfine --warmup 1 --runs 5 -N --export-markdown "$work/catalogue.md" \
  -n "100 paths" "$ctopath --no-builtin --paths $work/cat100 assess --answers $answers --format json" \
  -n "1,000 paths" "$ctopath --no-builtin --paths $work/cat1000 assess --answers $answers --format json" \
  -n "10,000 paths" "$ctopath --no-builtin --paths $work/cat10000 assess --answers $answers --format json"
cat "$work/catalogue.md"
