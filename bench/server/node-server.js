// SPDX-License-Identifier: MIT
// Auth0's Node API quickstart (express + express-oauth2-jwt-bearer), keys from the bench host's embedded issuer.
const express = require('express');
const { auth } = require('express-oauth2-jwt-bearer');
const app = express();
const checkJwt = auth({
  audience: process.env.AUDIENCE,
  issuer: process.env.ISSUER,
  jwksUri: process.env.JWKS_URI,
  tokenSigningAlg: 'RS256',
});
app.get('/api/public', (req, res) => res.json({ message: "Hello from a public endpoint! You don't need to be authenticated to see this." }));
app.get('/api/private', checkJwt, (req, res) => res.json({ message: 'Hello from a private endpoint! You need to be authenticated to see this.' }));
app.listen(Number(process.env.PORT), '127.0.0.1');
