-- wrk script: respondents sending their last step (items 19–25) with
-- go=finish, spread over the respondent links listed in a file given after
-- "--" ("/r/TOKEN CSRF" per line).  Every request is a full, valid form and
-- a durable commit on the server; only 303 (saved, on to the thank-you
-- page) counts as a submission.
--   wrk -s bench/submit.lua http://127.0.0.1:PORT -- FILE

local threads = {}

function setup(thread)
	thread:set("id", #threads)
	table.insert(threads, thread)
end

local answers = { "yes", "partly", "no", "unknown" }
local links = {}
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local i = 0

function init(args)
	local f = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
	for line in f:lines() do
		local path, csrf = line:match("^(%S+)%s+(%S+)$")
		if path then
			links[#links + 1] = { path = path, csrf = csrf }
		end
	end
	f:close()
	assert(#links > 0, "no respondent links in " .. args[1])
	-- Threads start at different respondents.
	i = (id or 0) * math.floor(#links / 2)
	ok = 0
	other = 0
end

function request()
	i = i + 1
	local l = links[(i % #links) + 1]
	local body = { "_csrf=", l.csrf, "&part=3&go=finish" }
	for q = 19, 25 do
		body[#body + 1] = "&q" .. q .. "=" .. answers[((i + q) % 4) + 1]
	end
	return wrk.format("POST", l.path, headers, table.concat(body))
end

function response(status, hdrs, body)
	if status == 303 then
		ok = ok + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local o, b = 0, 0
	for _, t in ipairs(threads) do
		o = o + (t:get("ok") or 0)
		b = b + (t:get("other") or 0)
	end
	io.write(string.format("SUBMIT ok=%d other=%d duration_us=%d\n", o, b,
	    summary.duration))
end
