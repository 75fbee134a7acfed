-- Floor division and modulo for integers and floats, with negative operands and zero.
-- a // b == floor(a / b) and a % b == a - (a // b) * b (the result has b's sign).

