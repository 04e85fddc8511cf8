#!/usr/bin/env bash
# Scoring many people, end to end: ctopath against the Python baseline in ../shared/bench/ on
# 200,000 seeded profiles, beside the floor of writing the bytes of the every-field output (`cat`
# of a file holding exactly those bytes, to the same /dev/null); then a table of ratios and peak
# memory for 200,000 and 1,000,000 profiles.
# The commands run in rounds, each once a round, one after the other (hyperfine, one run each):
# a ratio is taken within a round, between runs seconds apart, and the table gives the median
# round's. On a shared machine a slow minute then slows both sides of a ratio; five runs of one
# command and then five of the next (hyperfine's own order) had put a slow minute on one side
# only (the same stream's ratio to the baseline read 4.4x and 7.6x in two runs an hour apart).
#   bash benches/batch.sh            # needs hyperfine, GNU time and /usr/bin/python3; SHARED=
#                                    # points at shared/, RUNS= sets the rounds (5)
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
commands=(
  "python baseline|$python $shared/bench/baseline.py $work/matrix.json < $work/p.ndjson > /dev/null"
  "ctopath --fields id,score|$ctopath assess --answers $work/p.ndjson --format ndjson --fields id,score > /dev/null"
  "ctopath --top 3|$ctopath assess --answers $work/p.ndjson --format ndjson --top 3 > /dev/null"
  "ctopath, every field|$ctopath assess --answers $work/p.ndjson --format ndjson > /dev/null"
  "floor: cat every field|cat $work/every-field.ndjson > /dev/null"
)
# One round unmeasured, to warm the caches, then the measured ones.
for round in $(seq 0 "$runs"); do
  args=()
  for command in "${commands[@]}"; do args+=(-n "${command%%|*}" "${command#*|}"); done
  hyperfine --runs 1 --style none --export-json "$work/round-$round.json" "${args[@]}" >/dev/null
done
"$python" - "$work" "$runs" "$(stat -c %s "$work/every-field.ndjson")" <<'PY'
import json, statistics, sys
work, rounds, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# times[name][round]: each command's wall time in each measured round.
times = {}
for number in range(1, rounds + 1):
    for result in json.load(open(f"{work}/round-{number}.json"))["results"]:
        times.setdefault(result["command"], []).append(result["mean"])
base, floor = times["python baseline"], times["floor: cat every field"]
def times_over(fast, slow):
    """How many times each round's `fast` run fits in its `slow` one, sorted."""
    return sorted(s / f for f, s in zip(fast, slow))
targets = {"ctopath --fields id,score": 30, "ctopath --top 3": 5, "ctopath, every field": 2}
print(f"every-field output: {size / 2**30:.2f} GiB; the floor writes it with cat")
print(f"{rounds} rounds; times are medians; ratios are each round's, the median and the range")
print(f"{'':26} {'median':>9} {'profiles/s':>11} {'vs baseline':>12} {'range':>13} {'target':>7}")
for name, runs in times.items():
    median = statistics.median(runs)
    each = times_over(runs, base)
    target = f"{targets[name]}x" if name in targets else ""
    spread = f"{each[0]:.1f}-{each[-1]:.1f}x"
    print(f"{name:26} {median:7.3f} s {200000 / median:11,.0f} {statistics.median(each):11.1f}x {spread:>13} {target:>7}")
for name, target in targets.items():
    met = sum(r >= target for r in times_over(times[name], base))
    print(f"{name}: {target}x met in {met} of {rounds} rounds")
every = times_over(floor, times["ctopath, every field"])
print(f"every field against the floor: {statistics.median(every):.1f}x its time, "
      f"{every[0]:.1f}-{every[-1]:.1f}x by round (target: within 2x)")
PY

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo "peak memory, 200,000 profiles, --fields id,score: $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson --fields id,score) KiB"
echo "peak memory, 200,000 profiles, --top 3:           $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson --top 3) KiB"
echo "peak memory, 200,000 profiles, every field:       $(peak "$ctopath" assess --answers "$work/p.ndjson" --format ndjson) KiB"
rm -f "$work/every-field.ndjson"
"$python" "$shared/bench/gen.py" 1000000 "$work/p1m.ndjson" "$work/matrix.json"
echo "peak memory, 1,000,000 profiles, --fields id,score: $(peak "$ctopath" assess --answers "$work/p1m.ndjson" --format ndjson --fields id,score) KiB"
