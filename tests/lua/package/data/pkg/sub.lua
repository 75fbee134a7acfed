return "pkg.sub as " .. (...)
