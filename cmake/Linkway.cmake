# Helpers shared by the module CMakeLists.

# linkway_module(NAME DIR [PCH headers...]): a library from DIR/*.cpp, leaving out *_test.cpp,
# and a test executable NAME_tests from DIR/*_test.cpp when there are any.
function(linkway_module name dir)
  file(GLOB all_sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  set(sources ${all_sources})
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  set(tests ${all_sources})
  list(FILTER tests INCLUDE REGEX "_test\\.cpp$")
  add_library(${name} STATIC ${sources} ${ARGN})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  set_property(GLOBAL APPEND PROPERTY LINKWAY_TESTS_${name} ${tests})
endfunction()

# linkway_module_tests(NAME [PG] [LIBS...]): builds NAME_tests from the module's *_test.cpp; with
# PG they run a second time on PostgreSQL (linkway_pg_test).
function(linkway_module_tests name)
  set(pg FALSE)
  if(ARGV1 STREQUAL "PG")
    set(pg TRUE)
    list(REMOVE_AT ARGN 0)
  endif()
  get_property(tests GLOBAL PROPERTY LINKWAY_TESTS_${name})
  if(tests)
    add_executable(${name}_tests ${tests})
    target_link_libraries(${name}_tests PRIVATE ${name} ${ARGN} linkway_testing GTest::gtest_main)
    target_precompile_headers(${name}_tests PRIVATE <gtest/gtest.h> <string> <vector> <map>)
    add_test(NAME ${name} COMMAND ${name}_tests)
    if(pg)
      linkway_pg_test(${name} ${name}_tests)
    endif()
  endif()
endfunction()

# linkway_embed(TARGET OUT_CPP SYMBOL FILES...): compiles the files into a generated source that
# defines `const linkway::EmbeddedFiles& SYMBOL()`, keyed by file name.
function(linkway_embed target out symbol)
  # A CMake list would split into separate arguments on the command line; pass it joined.
  string(REPLACE ";" "|" files_arg "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${symbol}" VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

# linkway_migrations(TARGET DIR SYMBOL): compiles DIR/migrations/*.sql into TARGET as SYMBOL().
function(linkway_migrations target dir symbol)
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/migrations/*.sql)
  linkway_embed(${target} ${CMAKE_CURRENT_BINARY_DIR}/${dir}_migrations.cpp ${symbol} ${files})
endfunction()

# linkway_templates(TARGET DIR SYMBOL): compiles DIR/templates/*.mustache into TARGET as SYMBOL().
function(linkway_templates target dir symbol)
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/templates/*.mustache)
  linkway_embed(${target} ${CMAKE_CURRENT_BINARY_DIR}/${dir}_templates.cpp ${symbol} ${files})
endfunction()
