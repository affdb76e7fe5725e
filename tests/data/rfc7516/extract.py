# SPDX-License-Identifier: MIT
# Assembles appendix-a.json from two public test files, so that no value is typed by hand:
#   python3 extract.py LIBWEBSOCKETS_GIT_DIR JOSE_JWT_GIT_DIR > appendix-a.json
# (the commits used are named in tests/data/README.md).
import json, re, subprocess, sys
LWS, JJ = sys.argv[1], sys.argv[2]
def show(repo, path):
    return subprocess.run(['git', '-C', repo, 'show', 'HEAD:' + path], capture_output=True, text=True, check=True).stdout
c = show(LWS, 'minimal-examples-lowlevel/api-tests/api-test-jose/jwe.c')

def cstring(name):
    # name = <adjacent "..." literals> terminated by , or ;
    m = re.search(r'\*?' + re.escape(name) + r'\s*=\s*(\([^)]*\))?\s*((?:\s*"(?:[^"\\]|\\.)*")+)', c)
    if not m:
        sys.exit('no ' + name)
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))
    return ''.join(p.encode().decode('unicode_escape') for p in parts)

def cbytes(name):
    m = re.search(re.escape(name) + r'\[\]\s*=\s*\{([^}]*)\}', c)
    return bytes(int(x, 0) for x in m.group(1).replace('\n', ' ').split(',') if x.strip()).decode()

a1 = dict(id='A.1', title='RSAES-OAEP and AES GCM', key=json.loads(cstring('ex_a1_jwk_json')),
          token=cstring('ex_a1_compact'), plaintext=cstring('ex_a1_ptext'))
a2 = dict(id='A.2', title='RSAES-PKCS1-v1_5 and AES_128_CBC_HMAC_SHA_256',
          key=json.loads(cstring('lws_jwe_ex_a2_jwk_json')), token=cstring('ex_a2_compact'), plaintext=cbytes('ex_a3_ptext'))  # HEAD no longer keeps ex_a2_ptext; A.2 and A.3 share it (RFC 7516 A.2, A.3)
a3 = dict(id='A.3', title='AES Key Wrap and AES_128_CBC_HMAC_SHA_256', key=json.loads(cstring('ex_a3_key')),
          token=cstring('ex_a3_compact'), plaintext=cbytes('ex_a3_ptext'))
cs = show(JJ, 'UnitTests/jwe/JweTest.cs')
m = re.search(r'Rfc7516_A_4_7_ExampleJwe = @"((?:[^"]|"")*)"', cs)
a4json = json.loads(m.group(1).replace('""', '"'))
m2 = re.search(r'Rfc7516_A_2_3_ExampleJwk = @"((?:[^"]|"")*)"', cs)
m3 = re.search(r'Rfc7516_A_3_3_ExampleJwk = @"((?:[^"]|"")*)"', cs)
k2 = json.loads(m2.group(1).replace('""', '"'))
k3 = json.loads(m3.group(1).replace('""', '"'))
# Cross-check: the two sources agree on the A.2 and A.3 keys.
assert k2 == a2['key'], 'A.2 key differs between sources'
assert k3 == a3['key'], 'A.3 key differs between sources'
# jose-jwt asserts the same plaintext for A.4 (both recipients).
assert 'Assert.Equal("Live long and prosper.", decrypted.Plaintext)' in cs
assert a3['plaintext'] == 'Live long and prosper.'
a4 = dict(id='A.4', title='JWE JSON Serialization (two recipients: the A.2 RSA key and the A.3 AES key)',
          keys=[a2['key'], a3['key']], token=a4json, plaintext=a2['plaintext'])
doc = {
    'description': 'RFC 7516 Appendix A examples (A.1-A.4). A.1-A.3 from warmcat/libwebsockets '
                   'minimal-examples-lowlevel/api-tests/api-test-jose/jwe.c (CC0-1.0); A.4 from dvsekhvalnov/jose-jwt '
                   'UnitTests/jwe/JweTest.cs (MIT). Values are RFC 7516\'s (IETF Trust).',
    'examples': [a1, a2, a3, a4],
}
print(json.dumps(doc, indent=2))
