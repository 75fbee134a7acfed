-- os.exit(true) is a successful exit.
print("exiting")
-- expect: exiting
os.exit(true)
print("not reached")
