// SPDX-License-Identifier: MIT
// Interop peer for tests/cli/TestProviderInterop.cpp: panva's openid-client (a certified relying party nobody here
// wrote) against `tokenscope-cli serve --auto-approve alice`. Argument: the issuer URL; the confidential client's
// secret comes from $TOKENSCOPE_DEMO_SECRET (never argv). Output (stdout): {step: {ok: true, ...facts} |
// {ok: false, error}} for discovery, client credentials, authorization code + PKCE, PAR, refresh with reuse
// detection, DPoP (token, API, userinfo), device grant, introspection and revocation.
import { randomUUID } from 'node:crypto';
import * as jose from 'jose';
import * as client from 'openid-client';

const issuer = new URL(process.argv[2]);
const secret = process.env.TOKENSCOPE_DEMO_SECRET;
const options = { execute: [client.allowInsecureRequests] }; // loopback http
const redirectUri = 'http://127.0.0.1:53123/callback'; // RFC 8252 §7.3: any port on the loopback

const out = {};
async function step(name, fn) {
  try {
    out[name] = { ok: true, ...(await fn()) };
  } catch (e) {
    out[name] = { ok: false, error: `${e.code ?? e.name}: ${e.error ?? ''} ${e.message}` };
  }
}

// The scripted "browser": follow /authorize (auto-approved) to the redirect and hand back the callback URL.
async function browse(url) {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  return new URL(location);
}

async function codeFlow(config, extra = {}, grantOptions = undefined, par = false) {
  const verifier = client.randomPKCECodeVerifier();
  const params = {
    redirect_uri: redirectUri,
    scope: 'openid profile email read:messages',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: client.randomState(),
    nonce: client.randomNonce(),
    ...extra,
  };
  const url = par ? await client.buildAuthorizationUrlWithPAR(config, params) : client.buildAuthorizationUrl(config, params);
  const callback = await browse(url);
  const tokens = await client.authorizationCodeGrant(
    config, callback,
    { pkceCodeVerifier: verifier, expectedState: params.state, expectedNonce: params.nonce, idTokenExpected: true },
    undefined, grantOptions);
  return { url, callback, tokens };
}

const pub = await client.discovery(issuer, 'tokenscope-public', undefined, client.None(), options);
const demo = await client.discovery(issuer, 'tokenscope-demo', undefined, client.ClientSecretBasic(secret), options);
const base = issuer.href.replace(/\/$/, '');

await step('discovery', async () => {
  const m = pub.serverMetadata();
  return {
    issuer: m.issuer,
    endpoints: ['authorization_endpoint', 'token_endpoint', 'pushed_authorization_request_endpoint',
      'device_authorization_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'userinfo_endpoint',
      'jwks_uri'].filter((k) => typeof m[k] === 'string').length,
    pkce: m.code_challenge_methods_supported,
    dpop: m.dpop_signing_alg_values_supported,
  };
});

await step('clientCredentials', async () => {
  const t = await client.clientCredentialsGrant(demo, { scope: 'read:messages' });
  const api = await fetch(`${base}/api/private-scoped`, { headers: { authorization: `Bearer ${t.access_token}` } });
  return { tokenType: t.token_type, api: api.status };
});

let codeTokens;
await step('authorizationCode', async () => {
  const { callback, tokens } = await codeFlow(pub);
  codeTokens = tokens;
  const claims = tokens.claims();
  const info = await client.fetchUserInfo(pub, tokens.access_token, claims.sub);
  return {
    iss: callback.searchParams.get('iss'), // RFC 9207, checked by openid-client too
    sub: claims.sub, email: info.email, hasAtHash: typeof claims.at_hash === 'string',
    hasCHash: typeof claims.c_hash === 'string', refresh: typeof tokens.refresh_token === 'string',
  };
});

await step('par', async () => {
  const { url, tokens } = await codeFlow(pub, {}, undefined, true);
  return { requestUri: url.searchParams.get('request_uri')?.startsWith('urn:ietf:params:oauth:request_uri:'),
    sub: tokens.claims().sub };
});

await step('refresh', async () => {
  const first = codeTokens.refresh_token;
  const rotated = await client.refreshTokenGrant(pub, first);
  let reuse = 'accepted';
  try {
    await client.refreshTokenGrant(pub, first);
  } catch (e) {
    reuse = e.error ?? e.message;
  }
  let family = 'accepted';
  try {
    await client.refreshTokenGrant(pub, rotated.refresh_token);
  } catch (e) {
    family = e.error ?? e.message;
  }
  return { rotated: rotated.refresh_token !== first, reuse, family };
});

await step('dpop', async () => {
  const dpop = client.getDPoPHandle(pub, await client.randomDPoPKeyPair('ES256'));
  const { tokens } = await codeFlow(pub, {}, { DPoP: dpop });
  const api = await client.fetchProtectedResource(pub, tokens.access_token, new URL(`${base}/api/private`), 'GET',
    undefined, undefined, { DPoP: dpop });
  const info = await client.fetchUserInfo(pub, tokens.access_token, 'alice', { DPoP: dpop });
  const asBearer = await fetch(`${base}/api/private`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  const refreshed = await client.refreshTokenGrant(pub, tokens.refresh_token, undefined, { DPoP: dpop });
  // serve --dpop-nonce (RFC 9449 §8): a proof without a nonce is answered 400 use_dpop_nonce with a DPoP-Nonce;
  // openid-client retried with it above, this asks by hand to see the answer.
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256');
  const tokenUrl = pub.serverMetadata().token_endpoint;
  const proof = await new jose.SignJWT({ htm: 'POST', htu: tokenUrl, jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await jose.exportJWK(publicKey) })
    .setIssuedAt()
    .sign(privateKey);
  const noNonce = await fetch(tokenUrl, {
    method: 'POST',
    headers: { dpop: proof, authorization: `Basic ${Buffer.from(`tokenscope-demo:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=read%3Amessages',
  });
  return { tokenType: tokens.token_type, api: api.status, userinfo: info.sub, bearer: asBearer.status,
    refreshedType: refreshed.token_type, noNonceStatus: noNonce.status, noNonceError: (await noNonce.json()).error,
    nonceGiven: (noNonce.headers.get('dpop-nonce') ?? '').length > 0 };
});

await step('device', async () => {
  const response = await client.initiateDeviceAuthorization(pub, { scope: 'openid' });
  const page = await fetch(response.verification_uri_complete); // auto-approved by the verification page
  // Approved already: poll at once (the interval the server sent would only make the test wait).
  const tokens = await client.pollDeviceAuthorizationGrant(pub, { ...response, interval: 0 });
  return { userCode: /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/.test(response.user_code),
    page: page.status, sub: tokens.claims().sub };
});

await step('introspectionRevocation', async () => {
  const { tokens } = await codeFlow(pub);
  const before = await client.tokenIntrospection(demo, tokens.access_token);
  await client.tokenRevocation(pub, tokens.access_token);
  const after = await client.tokenIntrospection(demo, tokens.access_token);
  const refreshBefore = await client.tokenIntrospection(demo, tokens.refresh_token);
  await client.tokenRevocation(pub, tokens.refresh_token, { token_type_hint: 'refresh_token' });
  const refreshAfter = await client.tokenIntrospection(demo, tokens.refresh_token);
  return { before: before.active, clientId: before.client_id, after: after.active,
    refreshBefore: refreshBefore.active, refreshAfter: refreshAfter.active };
});

process.stdout.write(JSON.stringify(out));
