#!/usr/bin/env bash
# Fuzzes the catalogue loader and the answers parser (with scoring and record splitting) for
# SECONDS each, starting from the shipped path files and example answers.
#   bash fuzz/run.sh 30        # needs cargo-fuzz (cargo install cargo-fuzz)
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets this machine's stable toolchain use them.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
command -v cargo-fuzz >/dev/null || { echo "error: install cargo-fuzz (cargo install cargo-fuzz)" >&2; exit 1; }
export RUSTC_BOOTSTRAP=1

mkdir -p corpus/catalogue corpus/answers
cp ../paths/*.yaml ../examples/paths/*.yaml corpus/catalogue/
cp ../examples/*.json corpus/answers/
for target in catalogue answers; do
  echo "fuzzing $target for ${seconds}s" >&2
  log="$(mktemp)"
  status=0
  cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    > "$log" 2>&1 || status=$?
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+== ERROR|thread .* panicked|SUMMARY)" "$log" || true
  if [ -n "$(ls -A "artifacts/$target" 2>/dev/null)" ]; then
    echo "error: the fuzzer found inputs that crash ctopath: fuzz/artifacts/$target/" >&2
    exit 1
  fi
  # A target that does not build, or a fuzzer that stops early, fails the run too.
  if [ "$status" -ne 0 ] || ! grep -q "^stat::number_of_executed_units" "$log"; then
    tail -n 30 "$log" >&2
    echo "error: fuzzing $target failed (exit $status)" >&2
    exit 1
  fi
  rm -f "$log"
done
