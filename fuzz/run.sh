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
  cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+== ERROR|thread .* panicked|SUMMARY)" || true
  if [ -n "$(ls -A "artifacts/$target" 2>/dev/null)" ]; then
    echo "error: the fuzzer found inputs that crash ctopath: fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
