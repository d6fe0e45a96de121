#!/usr/bin/env python3
"""Validates SARIF files as GitHub code scanning would take them: against the 2.1.0 subset in
sarif-2.1.0-code-scanning.schema.json (with python3-jsonschema), plus what a schema cannot say:
every result's ruleId is one of the driver's rules. Prints `ok N result(s)` or the first problem."""
import json, os, sys
import jsonschema

schema = json.load(open(os.path.join(os.path.dirname(__file__), "sarif-2.1.0-code-scanning.schema.json")))
validator = jsonschema.Draft7Validator(schema)
total = 0
for path in sys.argv[1:]:
    doc = json.load(open(path))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        sys.exit(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    for run in doc["runs"]:
        rules = {r["id"] for r in run["tool"]["driver"].get("rules", [])}
        for i, res in enumerate(run["results"]):
            if res["ruleId"] not in rules:
                sys.exit(f"{path}: results/{i}: ruleId {res['ruleId']} is not among the rules")
        total += len(run["results"])
print(f"ok {total} result(s)")
