#!/usr/bin/env bash
# Lints every example of bench/lint/corpus (one folder per peer example: 0001_base.up.sql sets the
# tables up, 0002_change.up.sql is the example, `expect` says the verdict) and prints coverage,
# misses and false alarms.
#   verdict: flag  — tether must report `rule` (error or warning) on 0002_change.up.sql
#   verdict: style — the same, with tether.yaml `lint: {enable: [style]}`
#   verdict: safe  — tether must report no error or warning on 0002_change.up.sql
# Usage: bench/lint/run.sh [path/to/tether]   (default: build/tether)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tether="$(realpath "${1:-$here/../../build/tether}")"
exec python3 - "$tether" "$here/corpus" <<'PY'
import json, os, subprocess, sys, tempfile
tether, corpus = sys.argv[1], sys.argv[2]
rows, peers, notes = [], {}, []
for name in sorted(os.listdir(corpus)):
    d = os.path.join(corpus, name)
    exp = dict(l.split(": ", 1) for l in open(os.path.join(d, "expect")).read().splitlines() if ": " in l)
    verdict, rule = exp["verdict"], exp.get("rule", "").strip()
    with tempfile.TemporaryDirectory() as cwd:
        if verdict == "style":
            open(os.path.join(cwd, "tether.yaml"), "w").write("lint: {enable: [style]}\n")
        r = subprocess.run([tether, "migrate", "lint", "--dir", d, "--dialect", "postgresql",
                            "--format", "json", "--fail-on", "never"], cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        print(f"{name}: tether exited {r.returncode}: {r.stderr.strip()}"); sys.exit(2)
    findings = [f for f in json.loads(r.stdout)["findings"]
                if f["location"]["file"].endswith("0002_change.up.sql") and f["severity"] in ("error", "warning")]
    checks = sorted({f["check"] for f in findings})
    # `allow:` names findings a safe example may carry, each justified in the rule's docs (only
    # --db can clear a data-dependent warning).
    allowed = exp.get("allow", "").split()
    justified = [c for c in checks if c in allowed] if verdict == "safe" else []
    checks = [c for c in checks if c not in justified]
    ok = (rule in checks) if verdict in ("flag", "style") else not checks
    if justified:
        notes.append(f"  {name}: {', '.join(justified)} (data-dependent: only --db can tell)")
    rows.append((name, verdict, rule, checks, ok))
    for p in exp["peers"].split():
        peers.setdefault(p, []).append(ok)
flagged = [r for r in rows if r[1] != "safe"]
safe = [r for r in rows if r[1] == "safe"]
print(f"unsafe examples flagged: {sum(r[4] for r in flagged)}/{len(flagged)}")
print(f"safe examples clean:     {sum(r[4] for r in safe)}/{len(safe)}")
covered = sum(all(v) for v in peers.values())
print(f"peer rules answered (every example right): {covered}/{len(peers)}")
for tool in ("squawk", "strong_migrations", "atlas"):
    mine = {p: v for p, v in peers.items() if p.startswith(tool + "/")}
    print(f"  {tool}: {sum(all(v) for v in mine.values())}/{len(mine)}")
misses = [r for r in flagged if not r[4]]
alarms = [r for r in safe if not r[4]]
print("misses:" + ("" if misses else " none"))
for r in misses:
    print(f"  {r[0]}: expected {r[2]}, got {', '.join(r[3]) or 'nothing'}")
print("false alarms:" + ("" if alarms else " none"))
for r in alarms:
    print(f"  {r[0]}: {', '.join(r[3])}")
print("justified warnings on safe examples:" + ("" if notes else " none"))
print("\n".join(notes)) if notes else None
sys.exit(1 if misses or alarms else 0)
PY
