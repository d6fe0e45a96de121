#!/usr/bin/env python3
"""Lints the CI recipes in examples/ci and .pre-commit-hooks.yaml: each must parse as YAML, and
every `tether …` command they run must exist, with every flag it passes (checked against the
built binary's own --help)."""
import re, shlex, subprocess, sys, yaml

tether, root = sys.argv[1], sys.argv[2]
files = [f"{root}/examples/ci/github-actions.yml", f"{root}/examples/ci/gitlab-ci.yml",
         f"{root}/examples/ci/pre-commit-config.yaml", f"{root}/.pre-commit-hooks.yaml"]

def strings(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, str):
        yield node

checked = 0
for f in files:
    doc = yaml.safe_load(open(f))
    assert doc, f"{f}: empty"
    for text in strings(doc):
        for line in text.splitlines():
            m = re.search(r"(?:^|\s)tether\s+(.*)$", line.strip())
            if not m or line.strip().startswith(("name:", "#")):
                continue
            words = shlex.split(m.group(1).split("&&")[0].split("|")[0], posix=True)
            cmd = []
            for w in words:
                if w.startswith("-"):
                    break
                cmd.append(w)
            if not cmd:
                continue
            if cmd[0] == "migrate":
                cmd = cmd[:2]
            else:
                cmd = cmd[:1]
            help_text = subprocess.run([tether, *cmd, "--help"], capture_output=True, text=True)
            assert help_text.returncode == 0, f"{f}: `tether {' '.join(cmd)}` does not exist"
            for w in words:
                if w.startswith("--"):
                    flag = w.split("=")[0]
                    assert flag in help_text.stdout, f"{f}: `tether {' '.join(cmd)}` has no flag {flag}"
                elif w == "-o":
                    assert "-o," in help_text.stdout, f"{f}: `tether {' '.join(cmd)}` has no -o"
            checked += 1
assert checked >= 8, f"only {checked} tether commands found"
print(f"ok {checked}")
