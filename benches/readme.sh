#!/usr/bin/env bash
# Writes the README's performance figures: runs every timing script in benches/, one after the
# other (never two at once, which would slow both), then replaces the block between the markers
# in README.md's Performance section with what they printed, the targets each figure is held to,
# the machine and the commit. Nothing in that block is typed by hand. Takes about ten minutes.
#   bash benches/readme.sh            # needs what the scripts need: hyperfine, GNU time,
#                                     # valgrind, a C compiler, /usr/bin/python3 and shared/
#                                     # (SHARED= points at it)
# Each script also runs alone and prints its part.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -q '^<!-- benches/readme.sh writes from here' README.md \
  || { echo "error: README.md has no block for benches/readme.sh to write" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The commit the figures belong to, read before anything runs.
commit="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- src paths build.rs Cargo.toml Cargo.lock benches \
  || commit="$commit, with uncommitted changes"
for script in one-shot batch instructions catalogue portfolio memory; do
  echo "benches/$script.sh ..." >&2
  bash "benches/$script.sh" > "$out/$script.txt"
done

/usr/bin/python3 - "$out" "$commit" "$(rustc --version)" <<'PY'
import datetime, os, platform, re, sys

out, commit, rustc = sys.argv[1:4]


def printed(script):
    return open(f"{out}/{script}.txt", encoding="utf-8").read()


def line(script, pattern):
    """The first match of `pattern` in what `script` printed; stops if there is none, as the
    script's output then changed shape and the block would be wrong."""
    match = re.search(pattern, printed(script), re.M)
    if not match:
        sys.exit(f"error: benches/{script}.sh printed no line matching {pattern!r}")
    return match


def table(script):
    """The Markdown table `script` printed (hyperfine's, or its own): header, rows by name."""
    rows = [l for l in printed(script).splitlines() if l.startswith("|")]
    if len(rows) < 3:
        sys.exit(f"error: benches/{script}.sh printed no table")
    cells = lambda row: [cell.strip() for cell in row.strip("|").split("|")]
    return rows, {cells(row)[0].strip("`"): cells(row)[1:] for row in rows[2:]}


def seconds(script, name):
    """A hyperfine table's mean for the row `name`, in seconds."""
    rows, by_name = table(script)
    unit = re.search(r"Mean \[(\w+)\]", rows[0]).group(1)
    return float(by_name[name][0].split()[0]) * {"s": 1, "ms": 1e-3, "µs": 1e-6}[unit]


def verdict(met):
    return "met" if met else "**missed**"


def cpuinfo(key):
    for row in open("/proc/cpuinfo"):
        if row.startswith(key):
            return row.split(":", 1)[1].strip()
    return "unknown"


os_name = "unknown"
if os.path.exists("/etc/os-release"):
    for row in open("/etc/os-release"):
        if row.startswith("PRETTY_NAME="):
            os_name = row.split("=", 1)[1].strip().strip('"')
memory = next(int(r.split()[1]) for r in open("/proc/meminfo") if r.startswith("MemTotal"))
virtual = "hypervisor" in cpuinfo("flags").split()
machine = (
    f"{cpuinfo('model name')}, {os.cpu_count()} cores, {memory / 2**20:.0f} GiB"
    f"{', a virtual machine' if virtual else ''}; {os_name}, Linux {platform.release()}; {rustc}"
)
today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")

# One person.
one_rows, one = table("one-shot")
with_entry = [float(x) for x in one["assess with robustness (400 variations)"][2].split(",")]
no_history = [float(x) for x in one["assess --no-history"][2].split(",")]
with_entry_ms, no_history_ms = (float(one[name][1]) for name in ("assess with robustness (400 variations)", "assess --no-history"))
faults = line("one-shot", r"^page faults: .*$").group(0)
page = line("one-shot", r"^a fresh page: .*$").group(0)
# Many people.
batch = {}
for name in ("--fields id,score", "--top 3", "every field"):
    row = line("batch", rf"^ctopath,? {re.escape(name)} +[\d.]+ s +[\d,]+ +([\d.]+)x +([\d.]+-[\d.]+x)")
    met = line("batch", rf"^ctopath,? {re.escape(name)}: (\d+)x met in (\d+) of (\d+) rounds")
    batch[name] = (float(row.group(1)), row.group(2), int(met.group(1)), met.group(2), met.group(3))
floor = line("batch", r"^every field against the floor: ([\d.]+)x its time, ([\d.]+-[\d.]+x) by round")
floor_ratio = float(floor.group(1))
peaks = {
    m.group(1): int(m.group(2)) // 1024
    for m in re.finditer(r"^peak memory, ([\d,]+ profiles, [^:]+): +(\d+) KiB", printed("batch"), re.M)
}
small, large = peaks["200,000 profiles, --fields id,score"], peaks["1,000,000 profiles, --fields id,score"]
catalogue_peaks = {
    m.group(1): int(m.group(2))
    for m in re.finditer(r"^(\d+) paths, every field +(\d+) MiB peak", printed("memory"), re.M)
}
# Large catalogues and portfolios.
ten_thousand = seconds("catalogue", "10,000 paths")
growth = ten_thousand / seconds("catalogue", "1,000 paths")
built_in = max(seconds("portfolio", "built-in: portfolio, 10 hours"),
               seconds("portfolio", "built-in: portfolio, no hours limit, robustness"))
thousand = seconds("portfolio", "1,000 paths: portfolio, no hours limit, robustness")

targets = [
    ("One assessment, JSON out: within 2× a hello-world",
     f"{with_entry[0]:.2f}× (mean; median {with_entry[1]:.2f}×); {no_history[0]:.2f}× with `--no-history`",
     verdict(with_entry[0] <= 2)),
]
for name, need in (("--fields id,score", 30), ("--top 3", 5), ("every field", 2)):
    ratio, spread, target, met, rounds = batch[name]
    shown = f"`{name}`" if name.startswith("--") else name
    targets.append((f"200,000 profiles, {shown}: at least {need}× the Python baseline",
                    f"{ratio:.1f}× (median round; {spread}), met in {met} of {rounds} rounds",
                    verdict(met == rounds)))
targets += [
    ("Every field within 2× of writing the same bytes (`cat` of them)",
     f"{floor_ratio:.1f}× ({floor.group(2)} by round)", verdict(floor_ratio <= 2)),
    ("10,000 paths ranked with robustness: under 1 s, growing linearly from 1,000 (at most 11×)",
     f"{ten_thousand:.2f} s, {growth:.1f}× the time of 1,000 paths", verdict(ten_thousand < 1 and growth <= 11)),
    ("Portfolios: under 20 ms over the built-in catalogue, under 1 s over 1,000 paths",
     f"{built_in * 1e3:.1f} ms and {thousand * 1e3:.0f} ms", verdict(built_in < 0.02 and thousand < 1)),
    ("Memory flat however long the stream (1,000,000 profiles within 1.25× of 200,000)",
     f"{small} MiB and {large} MiB (`--fields id,score`)", verdict(large <= 1.25 * small)),
    ("Memory against large catalogues: the lines of a batch bounded by bytes (no figure set)",
     f"{catalogue_peaks['1000']} MiB at 1,000 paths, {catalogue_peaks['10000']} MiB at 10,000 "
     "(every field; the line of one record grows with the catalogue)", "see below"),
]


block = [
    f"Measured on {today} at commit {commit}, on {machine}.",
    "",
    "| Target | Measured | |",
    "|:---|:---|:---|",
    *(f"| {target} | {measured} | {status} |" for target, measured, status in targets),
    "",
    f"**One person** (`bash benches/one-shot.sh`). Keeping the history entry: {with_entry_ms:.2f} ms, "
    f"against {no_history_ms:.2f} ms with `--no-history` (medians).",
    "",
    *one_rows,
    "",
    "```",
    faults,
    page,
    "```",
    "",
    "**Many people** (`bash benches/batch.sh`), and instructions counted by callgrind "
    "(`bash benches/instructions.sh`), which do not move with how busy the machine is:",
    "",
    "```",
    printed("batch").strip(),
    "",
    printed("instructions").strip(),
    "```",
    "",
    "**Large catalogues** (`bash benches/catalogue.sh`):",
    "",
    *table("catalogue")[0],
    "",
    "**Portfolios** (`bash benches/portfolio.sh`):",
    "",
    *table("portfolio")[0],
    "",
    "**Streams against large catalogues** (`bash benches/memory.sh`), peak memory of 260 records:",
    "",
    "```",
    printed("memory").strip(),
    "```",
]
readme = open("README.md", encoding="utf-8").read()
start = re.search(r"^<!-- benches/readme.sh writes from here.*-->\n", readme, re.M)
end = re.search(r"^<!-- benches/readme.sh writes up to here -->\n", readme, re.M)
if not start or not end or end.start() < start.end():
    sys.exit("error: README.md's markers for benches/readme.sh are missing or out of order")
text = readme[: start.end()] + "\n".join(block) + "\n" + readme[end.start():]
open("README.md", "w", encoding="utf-8").write(text)
print("README.md: performance figures written", file=sys.stderr)
for target, measured, status in targets:
    print(f"{status.strip('*'):7} {target}: {measured}")
PY
