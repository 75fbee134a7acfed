print("running from stdin")
input_global = "set by stdin chunk"
return 1, 2
