-- How numbers become strings: integers in decimal, floats with "%.14g" (plus ".0" when
-- the result looks like an integer).

