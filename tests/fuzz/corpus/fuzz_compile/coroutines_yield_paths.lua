-- The ways a yield leaves a coroutine: straight from the coroutine's own interpreter (the
-- fast path, which returns to resume), from a tail call, from a native body, from under a
-- pcall or a metamethod (which unwind and continue through continuations), and mixes of
-- them in one coroutine; errors and closes after each kind.

local yield, resume, wrap, create, status = coroutine.yield, coroutine.resume,
  coroutine.wrap, coroutine.create, coroutine.status

-- tail call of yield: the frame that called it is gone when the values come back
local function pass(x) return yield(x) end
local co = create(function(a)
  local b = pass(a + 1)
  local c, d = pass(b * 2)
  return c, d, "end"
end)
print(resume(co, 1))
-- expect: true	2
print(resume(co, 10))
-- expect: true	20
print(resume(co, "x", "y"))
-- expect: true	x	y	end
print(status(co), resume(co))
-- expect: dead	false	cannot resume dead coroutine

-- the body is the native yield itself
local g = wrap(yield)
print(g(1, 2, 3))
-- expect: 1	2	3
print(g("back"))
-- expect: back

-- a native body that is not yield
local s = wrap(select)
print(s("#", 1, 2, 3))
-- expect: 3

