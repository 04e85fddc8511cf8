#!/usr/bin/env bash
# Peak memory of a stream against large catalogues: 260 small records scored against 1,000 and
# 10,000 generated paths (benches/gen_catalogue.py), every field and `--fields id,score`.
# Batches are sized by the bytes of their lines, so memory follows one line a core, not the
# number of records in a batch (this once reached 7.9 GB and aborted at 10,000 paths).
#   bash benches/memory.sh           # needs python3 and GNU time (/usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "error: install GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work"
ctopath="$PWD/target/release/ctopath"
for _ in $(seq 260); do echo '{"skills": {"selling": 4}, "goals": {"income": 5}}'; done > "$work/records.ndjson"

# Peak resident memory (GNU time's "Maximum resident set size"), and the lines written, counted
# as they go rather than kept: every field against 10,000 paths is gigabytes.
peak() {
  local label="$1"; shift
  local counts kib
  counts=$(/usr/bin/time -v -o "$work/time.txt" "$ctopath" "$@" | wc -l -c)
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  read -r lines bytes <<< "$counts"
  printf "%-30s %6s MiB peak  %4s lines  %6s MiB written\n" "$label" "$((kib / 1024))" "$lines" "$((bytes / 1048576))"
}
for n in 1000 10000; do
  python3 benches/gen_catalogue.py "$n" "$work/cat$n"
  peak "$n paths, every field" --no-builtin --paths "$work/cat$n" assess --answers "$work/records.ndjson" --format ndjson
  peak "$n paths, --fields id,score" --no-builtin --paths "$work/cat$n" assess --answers "$work/records.ndjson" --format ndjson --fields id,score
done
