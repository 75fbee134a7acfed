-- load with strings and reader functions, chunk names, modes and environments.

