# CLI: the listener YAML reader. The fuzz tree does not build the CLI, so the reader's own
# library is defined here from cli/cli_parse.cmake.
include(${PROJECT_SOURCE_DIR}/cli/cli_parse.cmake)
aviso_add_fuzzer(listener_yaml aviso_cli_parse)
aviso_target_options(fuzz_listener_yaml)
