// SPDX-License-Identifier: MIT
// Interop peer for tests/jose/TestJoseInterop.cpp: panva/jose decrypts the JWEs Tokenscope made and encrypts JWEs for
// Tokenscope to decrypt. Input (file argument): {"decrypt": [{id, alg, enc, jwk | password, token}],
// "encrypt": [{id, alg, enc, jwk | password, plaintext}]}. Output (stdout): {"decrypted": {id: {plaintext} |
// {error}}, "encrypted": {id: {token} | {unsupported} | {error}}}.
import { readFileSync } from 'node:fs';
import { compactDecrypt, CompactEncrypt, flattenedDecrypt, importJWK, errors } from 'jose';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function keyFor(c) {
  if (c.password !== undefined) return encoder.encode(c.password);
  return importJWK(c.jwk, c.alg);
}

const out = { decrypted: {}, encrypted: {} };
for (const c of input.decrypt) {
  try {
    const key = await keyFor(c);
    const options = { keyManagementAlgorithms: [c.alg], contentEncryptionAlgorithms: [c.enc] };
    const result = c.token.startsWith('{')
      ? await flattenedDecrypt(JSON.parse(c.token), key, options)
      : await compactDecrypt(c.token, key, options);
    out.decrypted[c.id] = { plaintext: decoder.decode(result.plaintext) };
  } catch (e) {
    out.decrypted[c.id] = e instanceof errors.JOSENotSupported ? { unsupported: e.message } : { error: `${e.code ?? e.name}: ${e.message}` };
  }
}
for (const c of input.encrypt) {
  try {
    const key = await keyFor(c);
    const token = await new CompactEncrypt(encoder.encode(c.plaintext))
      .setProtectedHeader({ alg: c.alg, enc: c.enc })
      .encrypt(key);
    out.encrypted[c.id] = { token };
  } catch (e) {
    out.encrypted[c.id] = e instanceof errors.JOSENotSupported ? { unsupported: e.message } : { error: `${e.code ?? e.name}: ${e.message}` };
  }
}
process.stdout.write(JSON.stringify(out));
