# Against the real aviso-local-server (aviso_test_support builds it first; test/support is
# added after this folder, which target_link_libraries allows).
aviso_add_test(aviso_client_server_tests
  SOURCES local_server_test.cpp local_server_auth_test.cpp
  LIBS aviso_client aviso_test_support)

# The example program, built as C++17 against the library, run by example_test against the real
# server (scripts/examples also builds it against the installed package).
add_executable(example_publish_and_schema ${PROJECT_SOURCE_DIR}/examples/publish_and_schema.cpp)
target_link_libraries(example_publish_and_schema PRIVATE aviso::aviso)
set_target_properties(example_publish_and_schema PROPERTIES CXX_STANDARD 17)
aviso_target_options(example_publish_and_schema)
aviso_add_test(aviso_client_example_tests
  SOURCES example_test.cpp
  LIBS aviso_test_support
  DEPENDS example_publish_and_schema)
