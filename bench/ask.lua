-- wrk script: GET /ask with a question drawn in turn from the file named by $QUESTIONS
local questions = {}
for line in io.lines(os.getenv("QUESTIONS")) do
  if #line > 0 then questions[#questions + 1] = line end
end
local n = 0

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  n = n % #questions + 1
  return wrk.format("GET", "/ask?q=" .. encode(questions[n]))
end

response = function(status)
  if status ~= 200 then error("status " .. status) end
end
