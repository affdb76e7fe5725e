// SPDX-License-Identifier: MIT
// A scripted "browser" for tests/net/TestOAuthInterop: given as $BROWSER (or run by the test for the device flow's
// verification URI), it opens the URL, follows redirects by hand with a cookie jar, and submits the first POST form
// of every HTML page it gets (oidc-provider's devInteractions login and consent pages, the device flow's code
// input and confirmation pages), logging in as $SCRIPTED_BROWSER_LOGIN (default "alice"). It stops after a
// redirect leaves the provider's origin (the client's loopback redirect URI, which it then GETs; a response in the
// fragment (implicit grant) it then POSTs to the page's data-fragment-post path, as the page's script would) or on a
// page without a form. Usage: node scripted-browser.mjs URL. Writes one line per step to $SCRIPTED_BROWSER_LOG if set.
import { appendFileSync } from 'node:fs';

const login = process.env.SCRIPTED_BROWSER_LOGIN || 'alice';
const log = (line) => { if (process.env.SCRIPTED_BROWSER_LOG) appendFileSync(process.env.SCRIPTED_BROWSER_LOG, `${line}\n`); };
const jar = new Map();
const start = new URL(process.argv[2]);

function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/([a-zA-Z_:-]+)\s*=\s*"([^"]*)"/g)) out[m[1].toLowerCase()] = m[2];
  return out;
}

function firstPostForm(html, base) {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i);
  if (!form) return null;
  const open = attributes(form[0].match(/<form\b[^>]*>/i)[0]);
  if ((open.method || 'get').toLowerCase() !== 'post') return null;
  const body = new URLSearchParams();
  for (const m of form[0].matchAll(/<input\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    if (!a.name) continue;
    let value = (a.value || '').replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
    if (!value && a.name === 'login') value = login;
    if (!value && a.name === 'password') value = 'any password';
    body.append(a.name, value);
  }
  return { action: new URL((open.action || '').replaceAll('&amp;', '&'), base), body };
}

async function request(url, init = {}) {
  const headers = { ...(init.headers || {}) };
  if (url.origin === start.origin && jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  if (url.origin === start.origin) {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  log(`${init.method || 'GET'} ${url.origin}${url.pathname} -> ${response.status}`);
  return response;
}

let url = start;
let init = {};
for (let step = 0; step < 30; step += 1) {
  const response = await request(url, init);
  init = {};
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) {
    url = new URL(location, url);
    if (url.origin !== start.origin) {
      const page = await request(url); // the client's redirect URI: deliver the authorization response
      if (url.hash) {
        // The implicit grant answers in the fragment, which fetch() never sends. Do what the client's relay page
        // (marked data-fragment-post) does with JavaScript: POST the fragment back, form-encoded.
        const relay = (await page.text()).match(/data-fragment-post="([^"]*)"/);
        if (!relay) {
          log('fragment response, but the redirect URI\'s page has no data-fragment-post relay');
          process.exit(1);
        }
        const posted = await request(new URL(relay[1], url), {
          method: 'POST', body: url.hash.slice(1), headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        process.exit(posted.ok ? 0 : 1);
      }
      process.exit(0);
    }
    continue;
  }
  const html = await response.text();
  const form = firstPostForm(html, url);
  if (!form) {
    log(`done: ${response.status} ${html.replace(/\s+/g, ' ').slice(0, 200)}`);
    process.exit(response.ok ? 0 : 1);
  }
  url = form.action;
  init = { method: 'POST', body: form.body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
log('too many steps');
process.exit(1);
