return "pkg/init " .. select("#", ...) .. " " .. (...)
