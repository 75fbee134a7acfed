-- Constant expressions: what must not be folded at compile time and must fail at run time.

-- Integer division and modulo by zero are run-time errors, even with literal operands.
local f = load("return 1 // 0")
print("1//0 compiles", f ~= nil)
-- expect: 1//0 compiles	true
print(pcall(f))
-- expect: false	[string "return 1 // 0"]:1: attempt to divide by zero
print(pcall(load("return 1 % 0")))
-- expect: false	[string "return 1 % 0"]:1: attempt to perform 'n%0'
print(pcall(load("local x <const> = 0; return 5 // x")))
-- expect: false	[string "local x <const> = 0; return 5 // x"]:1: attempt to divide by zero
-- unreachable division by zero never raises
print(load("if false then return 1 // 0 end return 'fine'")())
-- expect: fine

-- float division by zero is fine
print(1 / 0, -1 / 0, 1.0 // 0, -1 // 0.0, 0x10 / 0)
-- expect: inf	-inf	inf	-inf	inf
print(0 / 0 ~= 0 / 0)
-- expect: true
print(1 % 0.0 ~= 1 % 0.0)
-- expect: true

-- negative zero survives folding
print(-0.0, 0.0, -0.0 == 0.0, 1 / -0.0, 1 / (0.0 * -1))
-- expect: -0.0	0.0	true	-inf	-inf
print(0 * -1, -(0), -0)          -- integer zero has no sign
-- expect: 0	0	0
local nz = -0.0
print(nz, -nz, 1 / nz)
-- expect: -0.0	0.0	-inf

-- integer overflow wraps when folded too
print(9223372036854775807 + 1, -9223372036854775807 - 2)
-- expect: -9223372036854775808	9223372036854775807
print(9223372036854775807 * 2, (-9223372036854775807 - 1) // -1)
-- expect: -2	-9223372036854775808
print(-(-9223372036854775807 - 1))
-- expect: -9223372036854775808

-- exponent and division always give floats
print(2 ^ 2, 10 / 2, 2 ^ 63, 2 ^ 64, -2 ^ 63)
-- expect: 4.0	5.0	9.2233720368548e+18	1.844674407371e+19	-9.2233720368548e+18

-- bitwise ops on constant floats with exact integer values fold to integers
print(3.0 | 0, 2 ^ 53 | 0, 1 << 62, 1 << 63, 1 << 64, 3 >> 1)
-- expect: 3	9007199254740992	4611686018427387904	-9223372036854775808	0	1
print(pcall(load("return 1.5 | 0")))
-- expect: false	[string "return 1.5 | 0"]:1: number has no integer representation
print(pcall(load("return 1e100 & 1")))
-- expect: false	[string "return 1e100 & 1"]:1: number has no integer representation

-- string constants are not folded into numbers
print("10" + 0, "0x10" * 1, "1e1" // 1)
-- expect: 10	16	10.0
print(pcall(load("return 'a' + 1")))
-- expect: false	[string "return 'a' + 1"]:1: attempt to add a 'string' with a 'number'

-- constants through <const> locals
local N <const> = 8
local M <const> = N * 2 + 1
local S <const> = "s" .. N
print(M, S, N // 3, N / 3, -N, ~N)
-- expect: 17	s8	2	2.6666666666667	-8	-9

-- large literals and their negation
print(-9223372036854775808, - 9223372036854775807, -0x8000000000000000)
-- expect: -9.2233720368548e+18	-9223372036854775807	-9223372036854775808
print(1e308 * 10, -1e308 * 10, 2 ^ 1024)
-- expect: inf	-inf	inf
