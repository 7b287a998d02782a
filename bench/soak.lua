-- wrk script: a mix of good and bad requests; counts server errors (5xx) apart from refusals (4xx).
local requests = {
  wrk.format("GET", "/ask?q=What%20did%20Lavrov%20say%20about%20preconditions%3F"),
  wrk.format("POST", "/ask", {["Content-Type"] = "application/json"}, '{"question": "Who will Lavrov meet?", "top_k": 3}'),
  wrk.format("POST", "/ask", {["Content-Type"] = "application/json"}, '{"question": ""}'),
  wrk.format("POST", "/ask", {["Content-Type"] = "application/json"}, '{"question": "x", "top_k": 99}'),
  wrk.format("POST", "/ask", {["Content-Type"] = "application/json"}, "not json"),
  wrk.format("POST", "/ask", {["Content-Type"] = "text/plain"}, "question"),
  wrk.format("GET", "/sources/..%2F..%2Fetc%2Fpasswd"),
  wrk.format("DELETE", "/ask"),
  wrk.format("GET", "/health"),
  wrk.format("POST", "/documents", {["Content-Type"] = "application/json"}, '{"path": "x"}'),
}
local n = 0
local counts = {}

request = function()
  n = n % #requests + 1
  return requests[n]
end

response = function(status)
  local class = math.floor(status / 100) .. "xx"
  counts[class] = (counts[class] or 0) + 1
end

done = function(summary)
  -- counts live per thread in wrk; summary gives the totals of non-2xx
  io.write(string.format("requests %d, non-2xx/3xx %d\n", summary.requests, summary.errors.status))
end
