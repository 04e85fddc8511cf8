#!/usr/bin/env bash
# Scoring many people, end to end: ctopath against the Python baseline in ../shared/bench/ on
# 200,000 seeded profiles, in one hyperfine run, beside the floor of writing the bytes of the
# every-field output (`cat` of a file holding exactly those bytes, to the same /dev/null); then
# a table of ratios and peak memory for 200,000 and 1,000,000 profiles.
#   bash benches/batch.sh            # needs hyperfine, GNU time and /usr/bin/python3; SHARED=
#                                    # points at shared/, RUNS= sets hyperfine's runs (5)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
runs="${RUNS:-5}"
# The system interpreter, always: a python3 found on PATH may be another build (pyenv) and
# would move the baseline.
python=/usr/bin/python3
command -v hyperfine >/dev/null || { echo "error: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -x "$python" ] || { echo "error: no $python (apt-get install python3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: install GNU time (apt-get install time)" >&2; exit 1; }
[ -f "$shared/bench/gen.py" ] || { echo "error: no $shared/bench/gen.py; set SHARED" >&2; exit 1; }

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work"   # the built-in catalogue only
ctopath="$PWD/target/release/ctopath"
"$python" "$shared/bench/gen.py" 200000 "$work/p.ndjson" "$work/matrix.json"
# The bytes of the every-field output, written once so that the floor writes the very same.
"$ctopath" assess --answers "$work/p.ndjson" --format ndjson > "$work/every-field.ndjson"

# Like for like: the baseline writes each profile's path ids and scores; so does the first row.
hyperfine --warmup 1 --runs "$runs" --export-json "$work/batch.json" \
  -n "python baseline" "$python $shared/bench/baseline.py $work/matrix.json < $work/p.ndjson > /dev/null" \
  -n "ctopath --fields id,score" "$ctopath assess --answers $work/p.ndjson --format ndjson --fields id,score > /dev/null" \
  -n "ctopath --top 3" "$ctopath assess --answers $work/p.ndjson --format ndjson --top 3 > /dev/null" \
  -n "ctopath, every field" "$ctopath assess --answers $work/p.ndjson --format ndjson > /dev/null" \
  -n "floor: cat every field" "cat $work/every-field.ndjson > /dev/null"
"$python" - "$work/batch.json" "$(stat -c %s "$work/every-field.ndjson")" <<'PY'
import json, sys
runs = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
base, floor = runs["python baseline"], runs["floor: cat every field"]
targets = {"ctopath --fields id,score": 30, "ctopath --top 3": 5, "ctopath, every field": 2}
print(f"every-field output: {int(sys.argv[2]) / 2**30:.2f} GiB; the floor writes it with cat")
print(f"{'':26} {'mean':>9} {'profiles/s':>11} {'vs baseline':>12} {'target':>7}")
for name, mean in runs.items():
    target = f"{targets[name]}x" if name in targets else ""
    print(f"{name:26} {mean:7.3f} s {200000 / mean:11,.0f} {base / mean:11.1f}x {target:>7}")
every = runs["ctopath, every field"]
print(f"every field against the floor: {every / floor:.1f}x its time (target: within 2x)")
PY

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo "peak memory, 200,000 profiles, --fields id,score: $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson --fields id,score) KiB"
echo "peak memory, 200,000 profiles, --top 3:           $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson --top 3) KiB"
echo "peak memory, 200,000 profiles, every field:       $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson) KiB"
rm -f "$work/every-field.ndjson"
"$python" "$shared/bench/gen.py" 1000000 "$work/p1m.ndjson" "$work/matrix.json"
echo "peak memory, 1,000,000 profiles, --fields id,score: $(peak "$ctopath" assess --answers "$work/p1m.ndjson" --format ndjson --fields id,score) KiB"
