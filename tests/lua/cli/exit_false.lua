-- os.exit(false) exits with a failure status.
print("exiting")
-- expect: exiting
os.exit(false)
-- expect-exit: 1
