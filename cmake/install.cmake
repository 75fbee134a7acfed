# Installing tycho for hosts: `cmake --install <build> --prefix P` puts
#   P/bin/tycho                          the program
#   P/include/tycho/*.hpp                the public C++ API
#   P/lib/libtycho.a                     every layer in one static library
#   P/include/tycho-lua/*.h, P/lib/libtycho-lua.{so,a}, P/lib/pkgconfig/tycho-lua.pc
#                                        the Lua 5.4 C API (lua.h) for C hosts
#   P/lib/cmake/tycho/tychoConfig.cmake  find_package(tycho) -> the target tycho::tycho
#   P/lib/pkgconfig/tycho.pc             pkg-config --cflags --libs tycho
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# One archive of all the layers' objects, so that a host links one library.
add_library(tycho_lib STATIC
  $<TARGET_OBJECTS:tycho_api> $<TARGET_OBJECTS:tycho_capi> $<TARGET_OBJECTS:tycho_stdlib> $<TARGET_OBJECTS:tycho_lang>
  $<TARGET_OBJECTS:tycho_vm> $<TARGET_OBJECTS:tycho_gc> $<TARGET_OBJECTS:tycho_heap>)
set_target_properties(tycho_lib PROPERTIES OUTPUT_NAME tycho EXPORT_NAME tycho)
target_include_directories(tycho_lib PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/capi/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/tycho-lua>)
target_link_libraries(tycho_lib PUBLIC ${CMAKE_DL_LIBS})
target_compile_features(tycho_lib PUBLIC cxx_std_20)
target_link_libraries(tycho_lib PUBLIC Threads::Threads)

install(TARGETS tycho_lib EXPORT tychoTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})

# The Lua 5.4 C API for hosts written against it: lua.h and the rest in include/tycho-lua,
# libtycho-lua.so and libtycho-lua.a (the C API and every layer), tycho-lua.pc. As with
# Debian's liblua5.4, `-ltycho-lua` links the shared library, whose lua_*, luaL_* and
# luaopen_* functions also serve the C modules the host loads with require; everything else
# in it is local (capi/libtycho-lua.map).
set(TYCHO_LUA_OBJECTS
  $<TARGET_OBJECTS:tycho_capi> $<TARGET_OBJECTS:tycho_stdlib> $<TARGET_OBJECTS:tycho_lang>
  $<TARGET_OBJECTS:tycho_vm> $<TARGET_OBJECTS:tycho_gc> $<TARGET_OBJECTS:tycho_heap>)
add_library(tycho_lua_lib STATIC ${TYCHO_LUA_OBJECTS})
set_target_properties(tycho_lua_lib PROPERTIES OUTPUT_NAME tycho-lua)
add_library(tycho_lua_shared SHARED ${TYCHO_LUA_OBJECTS})
set_target_properties(tycho_lua_shared PROPERTIES OUTPUT_NAME tycho-lua
  VERSION ${PROJECT_VERSION} SOVERSION 0
  LINK_DEPENDS ${PROJECT_SOURCE_DIR}/capi/libtycho-lua.map)
target_link_options(tycho_lua_shared PRIVATE
  -Wl,--version-script=${PROJECT_SOURCE_DIR}/capi/libtycho-lua.map)
if(NOT TYCHO_SANITIZE AND NOT TYCHO_TSAN)  # (clang leaves the sanitizer runtimes undefined)
  target_link_options(tycho_lua_shared PRIVATE -Wl,--no-undefined)
endif()
target_link_libraries(tycho_lua_shared PRIVATE ${CMAKE_DL_LIBS} Threads::Threads)
install(TARGETS tycho_lua_lib ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS tycho_lua_shared LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES capi/include/lua.h capi/include/luaconf.h capi/include/lauxlib.h
              capi/include/lualib.h capi/include/lua.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tycho-lua)
install(TARGETS tycho RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/tycho DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(EXPORT tychoTargets NAMESPACE tycho:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tycho)

file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/tychoConfig.cmake.in [=[
@PACKAGE_INIT@
include(CMakeFindDependencyMacro)
find_dependency(Threads)
include("${CMAKE_CURRENT_LIST_DIR}/tychoTargets.cmake")
check_required_components(tycho)
]=])
configure_package_config_file(${CMAKE_CURRENT_BINARY_DIR}/tychoConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tychoConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tycho)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tychoConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tychoConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/tychoConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tycho)

file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/tycho.pc.in [=[
prefix=@CMAKE_INSTALL_PREFIX@
libdir=${prefix}/@CMAKE_INSTALL_LIBDIR@
includedir=${prefix}/@CMAKE_INSTALL_INCLUDEDIR@

Name: tycho
Description: An embeddable runtime for the Lua 5.4 language (C++20 API)
Version: @PROJECT_VERSION@
Cflags: -std=c++20 -I${includedir} -I${includedir}/tycho-lua
Libs: -L${libdir} -ltycho -pthread -ldl
]=])
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/tycho-lua.pc.in [=[
prefix=@CMAKE_INSTALL_PREFIX@
libdir=${prefix}/@CMAKE_INSTALL_LIBDIR@
includedir=${prefix}/@CMAKE_INSTALL_INCLUDEDIR@

Name: tycho-lua
Description: The Lua 5.4 C API on tycho (an embeddable Lua 5.4 runtime)
Version: 5.4.4
Cflags: -I${includedir}/tycho-lua
Libs: -L${libdir} -ltycho-lua
Libs.private: -lstdc++ -lm -ldl -pthread
]=])
# The prefix is the one given at install time (cmake --install --prefix), not at configure.
install(CODE "
  set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/tycho.pc.in\"
                 \"${CMAKE_CURRENT_BINARY_DIR}/tycho.pc.install\" @ONLY)
  file(INSTALL \"${CMAKE_CURRENT_BINARY_DIR}/tycho.pc.install\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\"
       RENAME tycho.pc)
  configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/tycho-lua.pc.in\"
                 \"${CMAKE_CURRENT_BINARY_DIR}/tycho-lua.pc.install\" @ONLY)
  file(INSTALL \"${CMAKE_CURRENT_BINARY_DIR}/tycho-lua.pc.install\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\"
       RENAME tycho-lua.pc)
")
