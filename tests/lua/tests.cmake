# Lua script tests: one CTest test per tests/lua/<area>/<name>.lua, named lua/<area>/<name>,
# labelled `lua` and `lua-<area>`, plus `heavy` when the script has a `-- heavy:` line and
# `gc-timing` when it has a `-- gc-timing:` line (it observes when objects die, which the
# stress mode changes); the GC stress build runs `ctest -LE "heavy|gc-timing"`. Each runs tests/lua/run_test.sh with the tycho binary:
# stdout against the script's `-- expect:` lines, plus a differential run against lua5.4
# when it is installed (see run_test.sh).
#
# Included from the root CMakeLists.txt after enable_testing(); needs the CLI target
# `tycho` to exist by the end of configuration (it is read through a generator expression).
#
#   TYCHO_LUA_TEST_SUBSET   list of areas to add (e.g. "gc;meta"); empty adds all.
#   TYCHO_LUA_TEST_TIMEOUT  seconds per script run (default 60; raise it for slow builds).
#
# Only files directly inside an area folder are tests; put helper files a test reads in a
# subfolder (tests/lua/<area>/data/...) or give them another extension.

set(TYCHO_LUA_TEST_SUBSET "" CACHE STRING "Areas of tests/lua to run (empty: all)")
set(TYCHO_LUA_TEST_TIMEOUT 60 CACHE STRING "Timeout in seconds for one Lua test script")

find_program(TYCHO_BASH bash REQUIRED)

set(_tycho_lua_dir "${CMAKE_CURRENT_LIST_DIR}")
file(GLOB _tycho_lua_tests CONFIGURE_DEPENDS "${_tycho_lua_dir}/*/*.lua")
list(SORT _tycho_lua_tests)

foreach(_script IN LISTS _tycho_lua_tests)
  file(RELATIVE_PATH _rel "${_tycho_lua_dir}" "${_script}")
  get_filename_component(_area "${_rel}" DIRECTORY)
  get_filename_component(_name "${_rel}" NAME_WE)
  if(TYCHO_LUA_TEST_SUBSET AND NOT _area IN_LIST TYCHO_LUA_TEST_SUBSET)
    continue()
  endif()
  set(_test "lua/${_area}/${_name}")
  set(_labels "lua;lua-${_area}")
  file(STRINGS "${_script}" _heavy REGEX "^-- heavy:" LIMIT_COUNT 1)
  if(_heavy)
    list(APPEND _labels heavy)
  endif()
  file(STRINGS "${_script}" _gc_timing REGEX "^-- gc-timing:" LIMIT_COUNT 1)
  if(_gc_timing)
    list(APPEND _labels gc-timing)
  endif()
  add_test(NAME "${_test}"
           COMMAND "${TYCHO_BASH}" "${_tycho_lua_dir}/run_test.sh" "$<TARGET_FILE:tycho>" "${_script}")
  # CTest's own timeout is a backstop over the driver's (two runs: tycho and lua5.4).
  math(EXPR _ctest_timeout "2 * ${TYCHO_LUA_TEST_TIMEOUT} + 30")
  set_tests_properties("${_test}" PROPERTIES
    LABELS "${_labels}"
    TIMEOUT ${_ctest_timeout}
    ENVIRONMENT "TYCHO_TEST_TIMEOUT=${TYCHO_LUA_TEST_TIMEOUT}")
endforeach()
