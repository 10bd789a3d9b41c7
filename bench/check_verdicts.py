"""Checks the output of `idlens inspect --batch --json` against its input.

Usage: python check_verdicts.py TOKENS VERDICTS
Every input line must have exactly one JSON verdict, in input order (the
verdict's `jti` claim is compared with the token's), and every verdict must
say "valid": true. Prints how many verdicts were valid; exit 1 otherwise.
"""

import base64
import json
import sys


def jti(token: str) -> str:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["jti"]


def main() -> None:
    tokens_path, verdicts_path = sys.argv[1:3]
    with open(tokens_path) as f:
        tokens = [line.strip() for line in f if line.strip()]
    with open(verdicts_path) as f:
        verdicts = [json.loads(line) for line in f if line.strip()]
    problems = []
    if len(verdicts) != len(tokens):
        problems.append(f"{len(tokens)} tokens but {len(verdicts)} verdicts")
    valid = 0
    for i, (token, verdict) in enumerate(zip(tokens, verdicts)):
        if verdict.get("valid") is True:
            valid += 1
        elif len(problems) < 5:
            problems.append(f"line {i + 1} is not valid: {verdict.get('summary')}")
        claims = verdict.get("claims") or {}
        if claims.get("jti") != jti(token) and len(problems) < 5:
            problems.append(f"line {i + 1} is the verdict on another token (out of order)")
    print(json.dumps({"tokens": len(tokens), "verdicts": len(verdicts), "valid": valid}))
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
