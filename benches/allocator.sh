#!/usr/bin/env bash
# The global allocator, mimalloc (the default) against the system's (glibc's malloc, built with
# --no-default-features), side by side in one hyperfine run per workload: one assessment (JSON
# out) and 200,000 streamed profiles with `--fields id,score`, `--top 3` and every field. The
# allocator is chosen by these ratios; rerun this when the allocation patterns change.
#   bash benches/allocator.sh           # needs hyperfine and python3; RUNS=10 by default
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
runs="${RUNS:-10}"
python=/usr/bin/python3
command -v hyperfine >/dev/null || { echo "error: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -x "$python" ] || { echo "error: no $python (apt-get install python3)" >&2; exit 1; }
[ -f "$shared/bench/gen.py" ] || { echo "error: no $shared/bench/gen.py; set SHARED" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
cargo build --release --quiet --no-default-features --target-dir "$work/target"
# Fresh copies, side by side: a binary cargo relinked in place starts slower than a copy.
cp target/release/ctopath "$work/mimalloc"
cp "$work/target/release/ctopath" "$work/glibc"
rm -rf "$work/target"
export HOME="$work" XDG_STATE_HOME="$work/state"   # the built-in catalogue only
"$python" "$shared/bench/gen.py" 200000 "$work/p.ndjson" "$work/matrix.json" >/dev/null

answers=examples/builder-who-wants-ownership.json
hyperfine -N --warmup 20 --runs 300 --export-json "$work/one.json" \
  -n mimalloc "$work/mimalloc assess --answers $answers --format json --no-history" \
  -n glibc "$work/glibc assess --answers $answers --format json --no-history" >/dev/null
for mode in "--fields id,score" "--top 3" ""; do
  name="${mode:-every field}"
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/${name// /_}.json" \
    -n mimalloc "$work/mimalloc assess --answers $work/p.ndjson --format ndjson $mode > /dev/null" \
    -n glibc "$work/glibc assess --answers $work/p.ndjson --format ndjson $mode > /dev/null" >/dev/null
done
"$python" - "$work" <<'PY'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
print(f"{'workload':28} {'mimalloc':>10} {'glibc':>10} {'glibc/mimalloc':>15}")
for file, name in [("one.json", "one assessment"), ("--fields_id,score.json", "stream --fields id,score"),
                   ("--top_3.json", "stream --top 3"), ("every_field.json", "stream, every field")]:
    medians = {r["command"]: r["median"] for r in json.load(open(work / file))["results"]}
    mi, gl = medians["mimalloc"], medians["glibc"]
    unit, scale = ("ms", 1e3) if mi < 0.1 else ("s", 1)
    print(f"{name:28} {mi * scale:8.3f} {unit:2} {gl * scale:7.3f} {unit:2} {gl / mi:14.2f}x")
PY
