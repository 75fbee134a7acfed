-- Big tables (parts of 1024 entries or more carry cards, which the backward barrier marks
-- and the collector re-scans) changed while the collector runs, in both modes: random
-- overwrites of the array part and of a hash part, tables that grow while marked, entries
-- moved by table.insert/remove and by collisions in the hash part, a weak table. Every value
-- is a fresh table that only the big table holds; checksums prove none was freed early.
local function lcg(s) return (s * 1103515245 + 12345) % 2147483648 end

