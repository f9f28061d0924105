// Runs examples/publish_and_schema against the real local server: it must exit 0 and show the
// handled 404.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/local_server.hpp"

namespace {

TEST(Example, PublishAndSchemaRunsAgainstTheLocalServer) {
  aviso::test::LocalServer server;
  const std::string command =
      std::string(AVISO_TEST_BIN_DIR) + "/example_publish_and_schema " + server.url() + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(R"(notify: {"status":"success","request_id":")"), std::string::npos)
      << output;
  EXPECT_NE(output.find(R"("status":"error","error":{"kind":"http","http_status":400)"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("expected failure: kind=http status=404"), std::string::npos) << output;
  EXPECT_EQ(server.request_count("/api/v1/notification"), 3);
}

}  // namespace
