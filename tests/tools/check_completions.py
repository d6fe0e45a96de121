#!/usr/bin/env python3
"""Checks the generated shell completions against the CLI itself: walks `tether [command…] --help`
for every command and subcommand, then asks each shell's completion what it offers there, and
fails on any flag or subcommand that --help lists and the completion lacks, or the reverse.
Usage: check_completions.py TETHER BASH_FILE ZSH_FILE FISH_FILE (a shell not installed is
reported as skipped; CI=true makes that a failure)."""
import os, re, shutil, subprocess, sys

tether, bash_file, zsh_file, fish_file = sys.argv[1:5]


def help_of(path):
    out = subprocess.run([tether, *path, "--help"], capture_output=True, text=True, check=True).stdout
    flags, subs, section = set(), set(), None
    for line in out.splitlines():
        if re.match(r"^\S.*:$", line):
            section = line[:-1]
            continue
        m = re.match(r"^  (\S+)", line)
        if not m:
            continue
        if section == "Options":
            flags.update(w for w in re.split(r"[, ]", line.strip()) if w.startswith("-"))
            flags = {f for f in flags if re.fullmatch(r"--?[\w-]+", f)}
        elif section == "Subcommands":
            subs.add(m.group(1))
    return flags, subs


commands, todo = {}, [[]]
while todo:
    path = todo.pop()
    commands[" ".join(path)] = help_of(path)
    todo.extend(path + [s] for s in commands[" ".join(path)][1])
assert len(commands) >= 15, commands.keys()


def compare(shell, path, offered_flags, offered_words):
    flags, subs = commands[path]
    problems = []
    if offered_flags != flags:
        problems.append(f"flags missing {sorted(flags - offered_flags)} extra {sorted(offered_flags - flags)}")
    if not subs <= offered_words:
        problems.append(f"subcommands missing {sorted(subs - offered_words)}")
    if problems:
        sys.exit(f"{shell}: `tether {path}`: " + "; ".join(problems))


def bash():
    lines = [f"source {bash_file!r}"]
    for path in commands:
        for cur in ("-", ""):
            words = ["tether", *path.split(), cur]
            lines.append("COMP_WORDS=(" + " ".join(f"'{w}'" for w in words) + f"); COMP_CWORD={len(words) - 1}")
            lines.append(f"COMPREPLY=(); _tether; echo \"{path}|{cur}|${{COMPREPLY[*]}}\"")
    out = subprocess.run(["bash", "-c", "\n".join(lines)], capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        path, cur, words = line.split("|")
        got[(path, cur)] = set(words.split())
    for path in commands:
        compare("bash", path, got[(path, "-")], got[(path, "")])
    # A flag's fixed values, and a value that must not be taken for a command.
    script = f"source {bash_file!r}; COMP_WORDS=(tether audit --format ''); COMP_CWORD=3; _tether; echo ${{COMPREPLY[*]}}"
    assert subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout.split() == \
        ["text", "json", "sarif", "junit"]
    script = (f"source {bash_file!r}; COMP_WORDS=(tether --config migrate migrate ''); COMP_CWORD=4; _tether; "
              "echo ${COMPREPLY[*]}")
    assert "apply" in subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout.split()
    return "bash"


def fish():
    if not shutil.which("fish"):
        return None
    for path in commands:
        res = {}
        for cur in ("-", ""):
            line = "tether " + (path + " " if path else "") + cur
            out = subprocess.run(["fish", "--no-config", "-c", f"source {fish_file}; complete -C '{line}'"],
                                 capture_output=True, text=True, check=True).stdout
            res[cur] = {l.split("\t")[0] for l in out.splitlines() if l}
        compare("fish", path, {w for w in res["-"] if w.startswith("-")}, res[""])
    return "fish"


def zsh():
    if not shutil.which("zsh"):
        return None
    subprocess.run(["zsh", "-n", zsh_file], check=True)
    lines = ["compdef() { :; }", f"source {zsh_file}"]
    for path in commands:
        lines.append(f"_tether_flags '{path}'; print -r -- \"{path}|f|${{(j: :)${{(@)reply%%:*}}}}\"")
        lines.append(f"_tether_subcommands '{path}'; print -r -- \"{path}|s|${{(j: :)${{(@)reply%%:*}}}}\"")
    out = subprocess.run(["zsh", "-f", "-c", "\n".join(lines)], capture_output=True, text=True, check=True).stdout
    got = {}
    for line in out.splitlines():
        path, kind, words = line.split("|")
        got[(path, kind)] = set(words.split())
    for path in commands:
        compare("zsh", path, got[(path, "f")], got[(path, "s")])
    return "zsh"


shells = [s for s in (bash(), zsh(), fish()) if s]
missing = {"bash", "zsh", "fish"} - set(shells)
if missing and os.environ.get("CI"):
    sys.exit(f"not installed: {sorted(missing)} (scripts/install-deps.sh --test installs them)")
print(f"ok {len(commands)} commands in {' '.join(shells)}" + (f" (skipped {' '.join(sorted(missing))})" if missing else ""))
