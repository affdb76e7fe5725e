// SPDX-License-Identifier: MIT
// Peer benchmark: panva/jose (npm "jose") verifying one token per line with a local JWK Set, claims checked.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, importJWK, jwtVerify } from 'jose';

const [jwksPath, alg, audience, issuer] = process.argv.slice(2);
const tokens = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
const set = JSON.parse(readFileSync(jwksPath, 'utf8'));
// jose's local JWK Set holds asymmetric keys only; an HMAC secret is passed directly.
const jwks = alg.startsWith('HS') ? await importJWK(set.keys[0], alg) : createLocalJWKSet(set);
const start = process.hrtime.bigint();
let valid = 0;
for (const token of tokens) {
  await jwtVerify(token, jwks, { algorithms: [alg], audience, issuer });
  valid += 1;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ valid, seconds }));
