# fuzz/replay.cmake - the fuzz regression inputs as ordinary tests.
#
# Include from tests/CMakeLists.txt:
#     include(${CMAKE_SOURCE_DIR}/fuzz/replay.cmake)
# Builds replay_html and replay_text (fuzz/replay.c + the fuzz target's
# LLVMFuzzerTestOneInput, no libFuzzer, any compiler) and runs each over
# fuzz/regress/<target>/ and fuzz/seeds/<target>/.  With PC_SANITIZE=ON the
# replay runs under ASan+UBSan like the fuzzers do.

set(PC_FUZZ_DIR ${CMAKE_SOURCE_DIR}/fuzz)
foreach(t html text quotes batch json query feed)
  add_executable(replay_${t} ${PC_FUZZ_DIR}/replay.c
                 ${PC_FUZZ_DIR}/fuzz_${t}.c)
  target_link_libraries(replay_${t} PRIVATE presscut_obj)
  target_include_directories(replay_${t} PRIVATE ${CMAKE_SOURCE_DIR}/src)
  add_test(NAME fuzz_regress_${t}
           COMMAND replay_${t} ${PC_FUZZ_DIR}/regress/${t}
                   ${PC_FUZZ_DIR}/seeds/${t})
  set_tests_properties(fuzz_regress_${t} PROPERTIES
                       LABELS "fuzz;regress" TIMEOUT 300)
endforeach()
