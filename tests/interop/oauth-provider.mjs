// SPDX-License-Identifier: MIT
// panva/oidc-provider (certified OpenID provider, pinned in package.json) on 127.0.0.1 with an ephemeral port, for
// tests/net/TestOAuthInterop. Usage: node oauth-provider.mjs CONFIG.json; CONFIG holds {"clients": [...]} in
// oidc-provider's client metadata format. Prints "READY <issuer>" on stdout when listening; stops on stdin EOF.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients,
    features: {
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      devInteractions: { enabled: true },
      // RFC 9449 with server nonces on every DPoP request (token endpoint §8, userinfo §9); Bearer requests unchanged.
      dPoP: { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true },
    },
    scopes: ['openid', 'offline_access', 'api:read'],
    // Every refresh rotates, so the test can check the client keeps the new refresh token.
    rotateRefreshToken: true,
    // The devInteractions login accepts any account id; grant every requested scope once the user consents.
    findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    // Issue refresh tokens to every client allowed the grant, without offline_access + prompt=consent (test only).
    issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  process.stdout.write(`READY ${issuer}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
