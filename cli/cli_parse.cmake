# aviso_cli_parse: the CLI's listener YAML reader and what it needs (no client, no CLI11), a
# library of its own so the clang fuzz tree, which does not build the CLI, can fuzz it:
# cli/CMakeLists.txt and fuzz/listener_yaml.cmake both include this file.
if(TARGET aviso_cli_parse)
  return()
endif()
set(aviso_cli_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(aviso_cli_parse STATIC
  ${aviso_cli_dir}/calendar.cpp
  ${aviso_cli_dir}/command_error.cpp
  ${aviso_cli_dir}/listener_spec.cpp
  ${aviso_cli_dir}/listener_yaml.cpp
  ${aviso_cli_dir}/text.cpp
  ${aviso_cli_dir}/yaml_source.cpp)
target_include_directories(aviso_cli_parse PUBLIC ${aviso_cli_dir})
target_link_libraries(aviso_cli_parse PUBLIC aviso_core aviso_config nlohmann_json::nlohmann_json
                      yaml-cpp)
aviso_target_options(aviso_cli_parse)
