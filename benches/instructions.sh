#!/usr/bin/env bash
# Instructions, counted by callgrind, which do not move with how busy the machine is: one
# assessment (JSON out, --no-history) and a stream of 2,000 seeded profiles in four modes, given
# per profile (the whole run divided by 2,000). Both run with two environment variables (HOME and
# XDG_STATE_HOME): the command line's environment is scanned at start, so a longer one counts more.
#   bash benches/instructions.sh        # needs valgrind (apt-get install valgrind) and
#                                       # /usr/bin/python3; SHARED= points at shared/
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
command -v valgrind >/dev/null || { echo "error: install valgrind (apt-get install valgrind)" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "error: no /usr/bin/python3 (apt-get install python3)" >&2; exit 1; }
[ -f "$shared/bench/gen.py" ] || { echo "error: no $shared/bench/gen.py; set SHARED" >&2; exit 1; }

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp target/release/ctopath "$work/ctopath"
/usr/bin/python3 "$shared/bench/gen.py" 2000 "$work/p.ndjson" "$work/matrix.json" >/dev/null
count() {
  env -i HOME="$work" XDG_STATE_HOME="$work/state" \
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/ctopath" "$@" \
    2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}
one=$(count assess --answers examples/builder-who-wants-ownership.json --format json --no-history)
printf '%-36s %12d instructions\n' "one assessment, JSON out" "$one"
for mode in "--fields id,score" "--fields id,contributions" "--top 3" ""; do
  total=$(count assess --answers "$work/p.ndjson" --format ndjson $mode)
  printf '%-36s %12d instructions a profile\n' "stream ${mode:-(every field)}" $((total / 2000))
done
