-- assert: returns all arguments on success, raises the message (any value) on failure.

