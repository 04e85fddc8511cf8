#!/usr/bin/env python3
"""How far the ranking can be trusted, measured through the real binary on seeded random people.

Usage: python3 benches/trust.py [CTOPATH] [N]   (default: target/release/ctopath, 2000)

Each person rates every skill and goal uniformly from 1 to 5 and sets no limit and no must-have,
so what shows is the model and the catalogue, not a sample of real people. Prints one table in
Markdown, the one in the README's "How far to trust it".
"""
import itertools, json, os, random, statistics, subprocess, sys

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/ctopath"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
SEED = 2026


# Measuring keeps nothing in the user's history.
ENV = {**os.environ, "CTOPATH_NO_HISTORY": "1"}


def run(*args, stdin=None):
    done = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, env=ENV)
    if done.returncode not in (0, 1):
        sys.exit(f"{BIN} {' '.join(args)} failed: {done.stderr}")
    return done.stdout


questions = json.loads(run("questions", "--format", "json"))
skills = [s["id"] for s in questions["skills"]]
goals = [g["id"] for g in questions["goals"]]
paths = {p["id"]: json.loads(run("paths", "show", p["id"], "--format", "json"))
         for p in json.loads(run("paths", "list", "--format", "json"))["paths"]}

rng = random.Random(SEED)
people = [{"skills": {s: rng.randint(1, 5) for s in skills},
           "goals": {g: rng.randint(1, 5) for g in goals}} for _ in range(N)]
lines = run("assess", "--answers", "-", "--format", "ndjson", "--samples", "400",
            stdin="".join(json.dumps(p) + "\n" for p in people)).splitlines()
results = [json.loads(line) for line in lines]
assert len(results) == N, f"{len(results)} results for {N} people"

fails_top_goal = 0
spreads = []
first = {pid: 0 for pid in paths}
not_most_often = said = 0
strong_top = 0
for person, result in zip(people, results):
    ranking = result["ranking"]
    top = ranking[0]
    first[top["id"]] += 1
    spreads.append(top["score"] - ranking[-1]["score"])
    gives = paths[top["id"]]["gives"]
    if any(person["goals"][g] == 5 and gives.get(g, 3) <= 2 for g in goals):
        fails_top_goal += 1
    strong_top += top["band"] == "strong"
    shares = {r["id"]: r["robustness"]["first_share"] for r in ranking}
    if max(shares.values()) > shares[top["id"]]:
        not_most_often += 1
        said += any(w["code"] == "another_path_first_more_often" for w in result["warnings"])

flat = []
for answers in ({}, {"skills": {s: 3 for s in skills}, "goals": {g: 3 for g in goals}}):
    result = json.loads(run("assess", "--answers", "-", "--format", "json", stdin=json.dumps(answers)))
    warned = any(w["code"] in ("flat_profile", "mostly_assumed") for w in result["warnings"])
    flat.append(warned and not result["robustness"]["clear_winner"])

skill_differences = 0
expert = json.dumps({"skills": {s: 5 for s in skills}})
for a, b in itertools.combinations(sorted(paths), 2):
    comparison = json.loads(run("compare", a, b, "--answers", "-", "--format", "json", stdin=expert))
    skill_differences += sum(abs(c["difference"]) >= 0.05 for c in comparison["criteria"]
                             if c["kind"] == "skill")

# People who rate most goals 4 or 5, as people do: how often the #1 fails a goal rated 5, and how
# often no path at all avoids failing one (then no ranking could, and must-haves are the remedy).
eager = [{"skills": {s: rng.randint(2, 5) for s in skills},
          "goals": {g: rng.choice([3, 4, 4, 4, 5, 5, 5]) for g in goals}} for _ in range(N)]
lines = run("assess", "--answers", "-", "--format", "ndjson", "--fields", "id,score",
            stdin="".join(json.dumps(p) + "\n" for p in eager)).splitlines()
eager_fails = eager_unavoidable = 0
eager_spreads = []
for person, line in zip(eager, lines):
    ranking = json.loads(line)["ranking"]
    fails = lambda pid: any(person["goals"][g] == 5 and paths[pid]["gives"].get(g, 3) <= 2 for g in goals)
    eager_fails += fails(ranking[0]["id"])
    eager_unavoidable += all(fails(pid) for pid in paths)
    eager_spreads.append(ranking[0]["score"] - ranking[-1]["score"])

share = {pid: 100 * count / N for pid, count in first.items()}
pct = lambda n: f"{100 * n / N:.1f} %"
print(f"{N} seeded random people (seed {SEED}), {len(paths)} paths\n")
print("| what | measured | target |")
print("|---|---|---|")
print(f"| #1 rates 1–2 a goal the person rated 5 | {pct(fails_top_goal)} | ≤ 10 % |")
print(f"| median spread between best and worst score | {statistics.median(spreads):.1f} points | ≥ 35 points |")
most, least = max(share, key=share.get), min(share, key=share.get)
print(f"| share of people each path comes first for | {least} {share[least]:.1f} % … {most} {share[most]:.1f} % | every path ≥ 0.5 %, none > 25 % |")
print(f"| `{{}}` and all-3 answers warned, never a clear winner | {'yes' if all(flat) else 'NO'} | yes |")
print(f"| `compare` of every pair with every skill at 5: skill differences | {skill_differences} | 0 |")
print(f"| #1 is not the path first most often under variation | {pct(not_most_often)}, said in {said} of {not_most_often} | said every time |")
print(f"| #1 is a strong fit | {pct(strong_top)} | |")
print(f"| people who rate most goals 4–5: #1 rates 1–2 a goal rated 5 | {pct(eager_fails)} (no path avoids it for {pct(eager_unavoidable)}) | |")
print(f"| people who rate most goals 4–5: median spread | {statistics.median(eager_spreads):.1f} points | |")
print()
print("| path | first for |")
print("|---|---:|")
for pid in sorted(share, key=lambda p: -share[p]):
    print(f"| {pid} | {share[pid]:.1f} % |")
