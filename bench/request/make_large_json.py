# SPDX-License-Identifier: MIT
# Writes a JSON document of about N bytes (default 50 MiB): an array of varied objects (big integers, decimals,
# escapes, non-ASCII, empty containers) - what a large API response looks like. Deterministic.
import json, random, sys
random.seed(6)
target = int(sys.argv[2]) if len(sys.argv) > 2 else 50 * 1024 * 1024
out = open(sys.argv[1], "w")
out.write('{"data":[')
size = 9
i = 0
while size < target:
    item = {"id": i, "uuid": "%032x" % random.getrandbits(128), "big": 12345678901234567890 + i,
            "price": round(random.random() * 1000, 2), "active": i % 3 == 0, "tags": ["alpha", "beta", "caf\u00e9"][: i % 4],
            "nested": {"level": i % 7, "note": "line with \"quotes\" and \\ backslash", "empty": {}, "list": []},
            "access_token": None}
    s = ("," if i else "") + json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    out.write(s)
    size += len(s.encode())
    i += 1
out.write('],"count":%d}' % i)
