-- SPDX-License-Identifier: MIT
-- wrk script: rotate through the unique tokens in $TOKENS_FILE (one per line) on /api/private.
local tokens = {}
local i = 0
for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
end
request = function()
    i = i % #tokens + 1
    return wrk.format("GET", "/api/private", { ["Authorization"] = "Bearer " .. tokens[i] })
end
