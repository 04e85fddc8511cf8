#!/usr/bin/env bash
# One assessment from a file, JSON out, timed end to end against a hello-world Rust binary built
# the same way, side by side in rounds (machines here are noisy: the ratio is what counts), with
# `paths list` and `--version` beside them. Target: an assessment within 2x hello-world. Then the
# page faults of each (GNU time's minor faults): a process this short spends much of its time
# on the fresh pages it touches, and what one fresh page costs here. The ratios are to the plain
# hello-world; the second row is hello-world linked as ctopath is (see below).
#   bash benches/one-shot.sh            # needs hyperfine (apt-get install hyperfine), GNU time,
#                                       # a C compiler (cc) and /usr/bin/python3
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "error: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: install GNU time (apt-get install time)" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "error: no /usr/bin/python3 (apt-get install python3)" >&2; exit 1; }
command -v cc >/dev/null || { echo "error: install a C compiler (apt-get install gcc)" >&2; exit 1; }

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The baseline: the smallest Rust program, with the same release profile as ctopath.
mkdir -p "$work/hello/src"
printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2024"\n[profile.release]\nlto = "thin"\ncodegen-units = 1\n' \
  > "$work/hello/Cargo.toml"
echo 'fn main() { println!("hello"); }' > "$work/hello/src/main.rs"
cargo build --release --quiet --manifest-path "$work/hello/Cargo.toml" --target-dir "$work/target"
# The same program with GCC's unwinder linked in, as build.rs links ctopath's, rather than
# loaded from libgcc_s.so.1: the row that shows what that alone is worth, so that the target's
# ratio is read knowing part of it comes from a start-up cost ctopath no longer shares.
unwinder="$(cc -print-file-name=libgcc_eh.a)"
RUSTFLAGS="-L native=$(dirname "$unwinder") -l static=gcc_eh" cargo build --release --quiet \
  --manifest-path "$work/hello/Cargo.toml" --target-dir "$work/target-unwinder"

# Both programs run from fresh copies in the same folder: a binary that cargo relinked in place
# many times was measured up to 15% slower to start than a fresh copy of the very same bytes.
cp target/release/ctopath "$work/ctopath"
cp "$work/target/release/hello" "$work/hello-world"
cp "$work/target-unwinder/release/hello" "$work/hello-world-unwinder"
ctopath="$work/ctopath"
answers=examples/builder-who-wants-ownership.json
# No user paths folder: the built-in catalogue only. The history is kept in $work, as a user's
# would be, except in the row that turns it off.
export HOME="$work" XDG_STATE_HOME="$work/state"
assess="$ctopath assess --answers $answers --format json"
# The commands run in rounds (ROUNDS=, 10), each 30 times a round one after the other: a slow
# minute on this shared machine then slows every command of its round alike, where 300 runs of
# one command and then 300 of the next had put it on one row alone (a history entry once read
# as costing half an assessment, against 6% measured side by side). A ratio is taken within a
# round; the table gives each command's mean and median over every run, and the median round's
# ratios.
rounds="${ROUNDS:-10}"
for round in $(seq 1 "$rounds"); do
  hyperfine --warmup 3 --runs 30 -N --style none --export-json "$work/round-$round.json" \
    -n hello-world "$work/hello-world" \
    -n "hello-world, unwinder linked in" "$work/hello-world-unwinder" \
    -n "assess with robustness (400 variations)" "$assess" \
    -n "assess --no-history" "$assess --no-history" \
    -n "assess, no robustness (--samples 0)" "$assess --samples 0" \
    -n "ctopath paths list" "$ctopath paths list" \
    -n "ctopath --version" "$ctopath --version" >/dev/null
done
# The ratios, to each hello-world: of means, as hyperfine compares them, and of medians, which
# one slow run does not move; each the median of the rounds' ratios.
/usr/bin/python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
by_round = [json.load(open(f"{work}/round-{n}.json"))["results"] for n in range(1, rounds + 1)]
names = [run["command"] for run in by_round[0]]
# times[name]: every run of the command; of[round][name]: its runs in that round.
of = [{run["command"]: run["times"] for run in results} for results in by_round]
times = {name: [t for runs in of for t in runs[name]] for name in names}
mean, median = statistics.mean, statistics.median
def ratio(name, base, average):
    return median([average(runs[name]) / average(runs[base]) for runs in of])
print(f"{rounds} rounds of 30 runs of each command, one after the other; ratios are the median round's")
print()
print("| Command | Mean [ms] | Median [ms] | × hello-world (mean, median) | × hello-world, unwinder linked in (mean, median) |")
print("|:---|---:|---:|---:|---:|")
for name in names:
    ratios = [f"{ratio(name, base, mean):.2f}, {ratio(name, base, median):.2f}" for base in names[:2]]
    print(f"| `{name}` | {mean(times[name]) * 1e3:.2f} | {median(times[name]) * 1e3:.2f} | {ratios[0]} | {ratios[1]} |")
PY
faults() { /usr/bin/time -f "%R" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "page faults: hello-world $(faults "$work/hello-world"), unwinder linked in $(faults "$work/hello-world-unwinder"), ctopath --version $(faults "$ctopath" --version), assess --no-history $(faults $assess --no-history)"

# What a fresh page costs on this machine, to read the page faults above by: a C program that
# writes to 100 fresh pages against the same program writing to none, side by side.
cat > "$work/pages.c" <<'C'
#include <stdlib.h>
#include <sys/mman.h>
int main(int argc, char **argv) {
  int pages = argc > 1 ? atoi(argv[1]) : 0;
  char *p = mmap(0, (size_t)(pages + 1) * 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < pages; i++) p[(size_t)i * 4096] = 1;
  return p == MAP_FAILED;
}
C
cc -O2 -o "$work/pages" "$work/pages.c"
hyperfine --warmup 20 --runs 300 -N --export-json "$work/pages.json" \
  "$work/pages 0" "$work/pages 100" >/dev/null 2>&1
/usr/bin/python3 - "$work/pages.json" <<'PY'
import json, statistics, sys
none, hundred = (statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"])
print(f"a fresh page: {(hundred - none) / 100 * 1e6:.1f} µs "
      f"(medians: 100 pages {hundred * 1e3:.2f} ms, none {none * 1e3:.2f} ms)")
PY
