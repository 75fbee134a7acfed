-- debug.traceback: messages, levels, threads, and the names it gives to functions.

