-- Float modulo and floor division: integral operands near the 32-bit bounds (an integer
-- remainder serves them), signed zeros, infinities, NaN, fractions and negative divisors.

