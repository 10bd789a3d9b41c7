"""Verifies a file of RS256 tokens with PyJWT on one thread, as the baseline
for `idlens inspect --batch --threads 1`.

Usage: python pyjwt_verify.py TOKENS JWKS ISSUER AUDIENCE
The key is parsed once; every token gets `jwt.decode` with RS256 only and the
issuer, audience and expiry checks. Prints one JSON object: how many tokens,
how many verified, and the verify loop's time and rate (interpreter startup
and imports excluded; time the whole process from outside for those).
"""

import json
import sys
import time

import jwt


def main() -> None:
    tokens_path, jwks_path, issuer, audience = sys.argv[1:5]
    with open(tokens_path) as f:
        tokens = [line.strip() for line in f if line.strip()]
    with open(jwks_path) as f:
        jwk = json.load(f)["keys"][0]
    key = jwt.PyJWK(jwk, algorithm="RS256").key
    valid = 0
    started = time.perf_counter()
    for token in tokens:
        try:
            jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=audience,
                issuer=issuer,
                options={"require": ["exp", "iss", "aud"]},
            )
            valid += 1
        except jwt.InvalidTokenError:
            pass
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "tokens": len(tokens),
                "valid": valid,
                "seconds": round(seconds, 4),
                "tokens_per_s": round(len(tokens) / seconds) if seconds > 0 else None,
            }
        )
    )
    sys.exit(0 if valid == len(tokens) else 1)


if __name__ == "__main__":
    main()
