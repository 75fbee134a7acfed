-- Settings of the example service. This is plain Lua: expressions, locals and functions work,
-- and only the globals below are read by the host.

name = "inventory"
port = 8000 + 80

hosts = {
  "alpha.example.org",
  "beta.example.org",
}

local function mib(n)
  return n * 1024 * 1024
end

limits = {
  connections = 256,
  request_bytes = mib(4),
  timeout_s = 2.5,
}

-- debug is optional; the host defaults it to false.
debug = true

-- Computed from the settings above: four workers per host.
workers = #hosts * 4
