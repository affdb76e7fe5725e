# SPDX-License-Identifier: MIT
"""Peer benchmark: PyJWT (Debian python3-jwt) verifying one token per line with a JWK Set, claims checked."""
import json
import sys
import time

import jwt

jwks_path, alg, audience, issuer = sys.argv[1:5]
tokens = [line.strip() for line in sys.stdin if line.strip()]
keys = {k["kid"]: jwt.PyJWK(k, algorithm=alg).key for k in json.load(open(jwks_path))["keys"]}
start = time.perf_counter()
valid = 0
for token in tokens:
    kid = jwt.get_unverified_header(token)["kid"]
    jwt.decode(token, keys[kid], algorithms=[alg], audience=audience, issuer=issuer)
    valid += 1
elapsed = time.perf_counter() - start
print(json.dumps({"valid": valid, "seconds": elapsed}))
