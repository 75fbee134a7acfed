-- os.date, os.time, os.difftime and os.clock. Fixed times in UTC ("!") make the output
-- independent of the machine's time zone; local-time checks compare instead of printing.

