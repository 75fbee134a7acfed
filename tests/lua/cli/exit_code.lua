-- os.exit with a status: output written before exit is flushed.
print("exiting with 3")
-- expect: exiting with 3
os.exit(3)
print("not reached")
-- expect-exit: 3
