-- bench/load-mix.lua: the request mix of bench/run-load.sh (issue 6).
--   wrk ... -s bench/load-mix.lua URL -- REVISION GRANTED COOKIE_NAME
-- REVISION, GRANTED: the charter's revision and its optional category ids
-- joined by + (charter order); COOKIE_NAME: the consent cookie's name.
-- Each connection cycles through pages with and without a consent cookie,
-- consent posts (same-origin, form bodies) and requests that carry optional
-- cookies the module must purge. Statuses are counted per thread and
-- summed in done(), which prints one "status CODE COUNT" line per code.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

local function b64id()
    -- 16 random bytes in base64url: 21 free characters, then one of AQgw.
    local a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    local t = {}
    for i = 1, 21 do
        local k = math.random(1, 64)
        t[i] = a:sub(k, k)
    end
    local last = "AQgw"
    local k = math.random(1, 4)
    t[22] = last:sub(k, k)
    return table.concat(t)
end

function init(args)
    local rev = args[1] or "r"
    local granted = args[2] or "-"
    local name = args[3] or "cookies_preferences"
    local first = granted:match("^[^+]+") or granted
    math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
    local now = os.time()
    local all = name .. "=v1." .. rev .. "." .. now .. "." .. b64id() .. "." .. granted
    local some = name .. "=v1." .. rev .. "." .. now .. "." .. b64id() .. "." .. first
    local form = { ["Content-Type"] = "application/x-www-form-urlencoded",
                   ["Sec-Fetch-Site"] = "same-origin" }
    local function with(t, k, v)
        local h = {}
        for a, b in pairs(t) do h[a] = b end
        h[k] = v
        return h
    end
    statuses = {}
    reqs = {
        wrk.format("GET", "/page-20K.html", {}),
        wrk.format("GET", "/page-2K.html", { Cookie = all }),
        wrk.format("GET", "/page-200K.html", { Cookie = all }),
        wrk.format("POST", "/cookiecharter/consent", form,
                   "choice=accept-all&return=%2Fpage-2K.html&v=bench"),
        wrk.format("GET", "/page-20K.html",
                   { Cookie = "sessionid=abc; _pk_id.1.a1b2=c3d4.1700000000; _ga=GA1.2.345.678; _ga_XYZ=GS1.1" }),
        wrk.format("GET", "/page-2K.html", { Cookie = some .. "; _ga=GA1.2.345.678; csrftoken=t0k" }),
        wrk.format("POST", "/cookiecharter/consent", form,
                   "choice=custom&category=" .. first .. "&return=/page-20K.html"),
        wrk.format("GET", "/cookiecharter/policy", { ["Accept-Language"] = "en-GB,en;q=0.8" }),
        wrk.format("GET", "/page-2K.html", { Cookie = name .. "=v1.bad" }),
        wrk.format("POST", "/cookiecharter/consent", with(form, "Cookie", all),
                   "choice=reject-all&return=/"),
    }
    n = math.random(1, #reqs)
end

function request()
    n = n % #reqs + 1
    return reqs[n]
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, t in ipairs(threads) do
        local s = t:get("statuses")
        for code, count in pairs(s) do
            total[code] = (total[code] or 0) + count
        end
    end
    for code, count in pairs(total) do
        io.write(string.format("status %d %d\n", code, count))
    end
    io.write(string.format("errors connect %d read %d write %d status %d timeout %d\n",
        summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.status, summary.errors.timeout))
    io.write(string.format("latency p50 %.0f p99 %.0f max %.0f us\n",
        latency:percentile(50), latency:percentile(99), latency.max))
end
