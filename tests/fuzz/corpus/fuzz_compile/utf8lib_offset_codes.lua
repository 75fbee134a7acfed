-- utf8.offset and utf8.codes.

local s = "a\u{E9}\u{4E2D}\u{1F600}z"  -- bytes: 1, 2-3, 4-6, 7-10, 11

