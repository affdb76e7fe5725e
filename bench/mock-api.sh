# SPDX-License-Identifier: MIT
# Sourced by the benches that need the local mock API: starts `"$CLI" serve` on a free port with an issuer directory
# in "$WORK/issuer", waits until it answers and fetches a token from its /oauth/token (client credentials).
# Needs CLI and WORK; sets base (the server's URL), token and pid (kill it in the caller's cleanup).
start_mock_api() {
    local port secret
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$CLI" serve --port "$port" --data-dir "$WORK/issuer" > "$WORK/serve.log" 2>&1 &
    pid=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 100); do "$CLI" request GET "$base/api/public" >/dev/null 2>&1 && break; sleep 0.1; done
    secret=$(cat "$WORK/issuer/client-secret")
    token=$("$CLI" request POST "$base/oauth/token" --body-only \
        --data "grant_type=client_credentials&client_id=tokenscope-demo&client_secret=$secret&audience=https://tokenscope.local/api" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
}
