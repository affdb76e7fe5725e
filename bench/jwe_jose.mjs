// SPDX-License-Identifier: MIT
// Peer for bench/jwe-bench.sh: panva/jose makes the keys and tokens, and decrypts the same tokens (one thread).
//   node jwe_jose.mjs keys DIR                      -> DIR/rsa.priv.jwk, DIR/ec.priv.jwk (+ .pub.jwk)
//   node jwe_jose.mjs encrypt PUBJWK ALG ENC COUNT  -> COUNT compact tokens on stdout
//   node jwe_jose.mjs decrypt PRIVJWK ALG ENC < tokens -> {"decrypted": n, "seconds": s, "cpuSeconds": c}
import { readFileSync, writeFileSync } from 'node:fs';
import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK } from 'jose';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'keys') {
  const [dir] = args;
  for (const [name, alg, opts] of [['rsa', 'RSA-OAEP-256', { modulusLength: 2048 }], ['ec', 'ECDH-ES', { crv: 'P-256' }]]) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { ...opts, extractable: true });
    writeFileSync(`${dir}/${name}.priv.jwk`, JSON.stringify({ ...(await exportJWK(privateKey)), alg, use: 'enc' }));
    writeFileSync(`${dir}/${name}.pub.jwk`, JSON.stringify({ ...(await exportJWK(publicKey)), alg, use: 'enc' }));
  }
} else if (mode === 'encrypt') {
  const [jwkPath, alg, enc, count] = args;
  const key = await importJWK(JSON.parse(readFileSync(jwkPath, 'utf8')), alg);
  const lines = [];
  for (let i = 0; i < Number(count); i += 1) {
    const payload = new TextEncoder().encode(JSON.stringify({ sub: `user-${i}`, iss: 'https://issuer.example/' }));
    lines.push(await new CompactEncrypt(payload).setProtectedHeader({ alg, enc }).encrypt(key));
  }
  process.stdout.write(lines.join('\n') + '\n');
} else if (mode === 'decrypt') {
  const [jwkPath, alg, enc] = args;
  const key = await importJWK(JSON.parse(readFileSync(jwkPath, 'utf8')), alg);
  const tokens = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let decrypted = 0;
  for (const token of tokens) {
    await compactDecrypt(token, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] });
    decrypted += 1;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ decrypted, seconds, cpuSeconds: (used.user + used.system) / 1e6 }));
}
