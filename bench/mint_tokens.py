"""Mints the benchmark's RS256 tokens and the JWKS that verifies them.

Deterministic: the RSA-2048 key is derived from a fixed seed, and PKCS#1 v1.5
signatures are deterministic, so every run writes byte-identical files. The
key exists only for this benchmark; no private key is written anywhere.

Usage: python mint_tokens.py OUT_DIR [COUNT]
Writes OUT_DIR/tokens.txt (one token per line) and OUT_DIR/jwks.json, and
prints the expected issuer and audience as JSON.
"""

import json
import os
import random
import sys
from multiprocessing import Pool
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://bench.idlens.test/"
AUDIENCE = "https://api.bench.idlens.test/"
KID = "bench-rsa-2048"
SEED = 20_000
ISSUED_AT = 1_700_000_000
EXPIRES = 4_102_444_800  # 2100-01-01T00:00:00Z


def _is_probable_prime(n: int, rng: random.Random) -> bool:
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(40):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int, e: int, rng: random.Random) -> int:
    while True:
        # Top two bits set so that p * q has exactly 2 * bits bits.
        candidate = rng.getrandbits(bits) | (0b11 << (bits - 2)) | 1
        if (candidate - 1) % e != 0 and _is_probable_prime(candidate, rng):
            return candidate


def bench_key() -> rsa.RSAPrivateKey:
    """The benchmark's RSA-2048 key, the same on every run."""
    rng = random.Random(SEED)
    e = 65537
    p = _prime(1024, e, rng)
    q = _prime(1024, e, rng)
    while q == p:
        q = _prime(1024, e, rng)
    n = p * q
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=d % (p - 1),
        dmq1=d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(e, n),
    )
    key = numbers.private_key()
    assert key.key_size == 2048
    return key


def claims(i: int) -> dict:
    """Claims shaped like an Auth0 access token, about 700 bytes once signed."""
    return {
        "iss": ISSUER,
        "sub": f"auth0|bench{i:06d}",
        "aud": AUDIENCE,
        "iat": ISSUED_AT,
        "exp": EXPIRES,
        "azp": "YmVuY2hjbGllbnRpZGZvcmlkbGVucw",
        "scope": "read:users read:roles",
        "permissions": ["read:users", "read:roles"],
        "jti": f"bench-{i:06d}",
    }


_SIGNING_KEY = None  # per worker process: derived once, on first use


def _mint_span(span: range) -> list[str]:
    global _SIGNING_KEY
    if _SIGNING_KEY is None:
        _SIGNING_KEY = bench_key()
    headers = {"kid": KID, "typ": "JWT"}
    return [jwt.encode(claims(i), _SIGNING_KEY, algorithm="RS256", headers=headers) for i in span]


def main() -> None:
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    out.mkdir(parents=True, exist_ok=True)
    key = bench_key()
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": KID, "use": "sig", "alg": "RS256"})
    (out / "jwks.json").write_text(json.dumps({"keys": [jwk]}, indent=2) + "\n")
    # Signing is the slow part (about 1 ms a token): spread it over the cores.
    # The order of the spans, and so of the file, does not depend on the pool.
    step = 1000
    spans = [range(start, min(start + step, count)) for start in range(0, count, step)]
    with Pool(os.cpu_count() or 1) as pool:
        minted = pool.map(_mint_span, spans)
    with open(out / "tokens.txt", "w") as f:
        for tokens in minted:
            for token in tokens:
                f.write(token)
                f.write("\n")
    print(json.dumps({"issuer": ISSUER, "audience": AUDIENCE, "count": count}))


if __name__ == "__main__":
    main()
