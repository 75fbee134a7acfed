loaded_nothing = true
