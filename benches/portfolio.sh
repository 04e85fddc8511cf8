#!/usr/bin/env bash
# How long finding one person's portfolios takes: over the built-in catalogue, and over 1,000
# generated paths (benches/gen_catalogue.py: a third of them done in parts, a fifth anchors),
# each beside the same assessment without portfolios' search (`paths list` reads the same
# catalogue), timed by hyperfine.
#   bash benches/portfolio.sh        # needs hyperfine and python3
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
answers="$PWD/examples/ten-hours-a-week.json"
echo '{"skills": {"technical_depth": 4}, "goals": {"variety": 5}}' > "$work/open-week.json"
python3 benches/gen_catalogue.py 1000 "$work/cat1000"
hyperfine --warmup 2 --runs 10 -N --export-markdown "$work/portfolio.md" \
  -n "built-in: paths list" "$ctopath paths list --format json" \
  -n "built-in: portfolio, 10 hours" "$ctopath portfolio --answers $answers --format json --samples 0" \
  -n "built-in: portfolio, no hours limit, robustness" "$ctopath portfolio --answers $work/open-week.json --format json" \
  -n "1,000 paths: paths list" "$ctopath --no-builtin --paths $work/cat1000 paths list --format json" \
  -n "1,000 paths: portfolio, no hours limit, robustness" "$ctopath --no-builtin --paths $work/cat1000 portfolio --answers $work/open-week.json --format json"
cat "$work/portfolio.md"
