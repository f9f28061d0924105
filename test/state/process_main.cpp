// main() of aviso_state_process_tests: the GoogleTest runner, or one child mode of the
// multi-process tests when started by spawn_child (flag AND environment variable).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "child_modes.hpp"
#include "child_process.hpp"

int main(int argc, char** argv) {
  std::string mode;
  std::map<std::string, std::string> options;
  const std::size_t flag_length = std::strlen(aviso::test::kChildFlag);
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument.compare(0, flag_length, aviso::test::kChildFlag) == 0) {
      mode = argument.substr(flag_length);
    } else if (!mode.empty() && argument.compare(0, 2, "--") == 0) {
      const std::size_t equals = argument.find('=');
      options[argument.substr(2, equals - 2)] =
          equals == std::string::npos ? "" : argument.substr(equals + 1);
    }
  }
  const char* gate = std::getenv(aviso::test::kChildEnv);
  const bool gated = gate != nullptr && std::strcmp(gate, "1") == 0;
  if (!mode.empty()) {
    if (!gated) {
      std::fprintf(stderr, "child mode needs both %s<mode> and %s=1; refusing to run\n",
                   aviso::test::kChildFlag, aviso::test::kChildEnv);
      return 2;
    }
    return aviso::test::run_child_mode(mode, options);
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
