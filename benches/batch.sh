#!/usr/bin/env bash
# Scoring many people, end to end: ctopath against the Python baseline in ../shared/bench/ on
# 200,000 seeded profiles, in one hyperfine run, then peak memory for 200,000 and 1,000,000.
#   bash benches/batch.sh            # needs hyperfine and python3; SHARED= points at shared/
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
command -v hyperfine >/dev/null || { echo "error: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -f "$shared/bench/gen.py" ] || { echo "error: no $shared/bench/gen.py; set SHARED" >&2; exit 1; }

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work"   # the built-in catalogue only
ctopath="$PWD/target/release/ctopath"
python3 "$shared/bench/gen.py" 200000 "$work/p.ndjson" "$work/matrix.json"

# Like for like: the baseline writes each profile's path ids and scores; so does this.
hyperfine --warmup 1 --runs 5 --export-json "$work/batch.json" \
  -n "python baseline" "python3 $shared/bench/baseline.py $work/matrix.json < $work/p.ndjson > /dev/null" \
  -n "ctopath --fields id,score" "$ctopath assess --answers $work/p.ndjson --format ndjson --fields id,score > /dev/null" \
  -n "ctopath, every field" "$ctopath assess --answers $work/p.ndjson --format ndjson > /dev/null"
python3 - "$work/batch.json" <<'PY'
import json, sys
runs = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
base = runs["python baseline"]
for name, mean in runs.items():
    print(f"{name:28} {mean:7.3f} s  {200000 / mean:10,.0f} profiles/s  {base / mean:5.1f}x the baseline")
PY

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo "peak memory, 200,000 profiles, --fields id,score: $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson --fields id,score) KiB"
echo "peak memory, 200,000 profiles, every field:       $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson) KiB"
python3 "$shared/bench/gen.py" 1000000 "$work/p1m.ndjson" "$work/matrix.json"
echo "peak memory, 1,000,000 profiles, --fields id,score: $(peak "$ctopath" assess --answers "$work/p1m.ndjson" --format ndjson --fields id,score) KiB"
