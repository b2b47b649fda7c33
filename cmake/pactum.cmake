# pactum_library(NAME SOURCES ... DEPENDS ... TESTS ...)
# One library per src/ folder. Its *_test.cpp files become one test binary, NAME_tests,
# whose tests ctest discovers one by one.
function(pactum_library name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPENDS;TESTS;TEST_DEPENDS;TEST_PROPERTIES" ${ARGN})
  add_library(${name} STATIC ${arg_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${arg_DEPENDS})
  if(arg_TESTS)
    add_executable(${name}_tests ${arg_TESTS})
    target_link_libraries(${name}_tests PRIVATE ${name} ${arg_TEST_DEPENDS} GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_tests PRIVATE
      PACTUM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    # TEST_PROPERTIES: ctest properties of every discovered test (e.g. a fixture they need).
    gtest_discover_tests(${name}_tests DISCOVERY_TIMEOUT 60 PROPERTIES ${arg_TEST_PROPERTIES})
  endif()
endfunction()

# pactum_embed(TARGET SYMBOL FILE): compiles FILE's bytes into TARGET as `const char* const SYMBOL`
# and `std::size_t SYMBOL_size`, regenerated when the file changes.
function(pactum_embed target symbol file)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${file} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE ${output})
endfunction()
