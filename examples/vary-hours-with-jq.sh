#!/usr/bin/env bash
# How the top path changes with the hours you can give: one answers file, three variations made
# with jq, each piped through `ctopath assess`, and the winner read back with jq.
# Run it as `examples/vary-hours-with-jq.sh` (set CTOPATH to use a ctopath not on your PATH).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ctopath="${CTOPATH:-ctopath}"

for hours in 10 25 60; do
  jq --argjson hours "$hours" '.constraints.hours_per_week = $hours' \
    "$here/builder-who-wants-ownership.json" |
    "$ctopath" assess --answers - --format json |
    jq -r --argjson hours "$hours" \
      '"\($hours) hours a week: \(.ranking[0].name) (\(.ranking[0].score | round)), \(.excluded | length) ruled out"'
done
