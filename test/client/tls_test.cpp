// The client's TLS settings against a real TLS server: `openssl s_server -WWW` serving the schema
// catalog from files, with a certificate made for this test by `openssl req` and signed by no
// authority the system trusts. Verification is on by default, `ca_bundle` adds an issuer to the
// system roots, and `danger_accept_invalid_certs` connects without one.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "aviso/aviso.hpp"
#include "support/error_of.hpp"
#include "support/temp_dir.hpp"

namespace aviso {
namespace {

namespace fs = std::filesystem;

class Tls : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "www" / "api" / "v1");
    cert_ = dir_.file("cert.pem");
    const std::string key = dir_.file("key.pem");
    const std::string make_certificate =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
        key + " -out " + cert_ + " 2>/dev/null";
    ASSERT_EQ(std::system(make_certificate.c_str()), 0) << make_certificate;
    std::ofstream(dir_ / "www" / "api" / "v1" / "schema")
        << R"({"status":"success","schema":{},"event_types":["mars"],"total_schemas":1})";

    int out[2];
    ASSERT_EQ(::pipe(out), 0);
    server_ = ::fork();
    ASSERT_GE(server_, 0);
    if (server_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      // Its handshake alerts for the refused connection would only clutter the test's output.
      const int quiet = ::open("/dev/null", O_WRONLY);
      if (quiet >= 0) ::dup2(quiet, STDERR_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      if (::chdir((dir_ / "www").c_str()) != 0) ::_exit(126);
      ::execlp("openssl", "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert_.c_str(),
               "-key", key.c_str(), "-WWW", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    // s_server prints "ACCEPT 127.0.0.1:<port>" once it listens.
    FILE* lines = ::fdopen(out[0], "r");
    char line[256];
    while (std::fgets(line, sizeof line, lines) != nullptr) {
      unsigned port = 0;
      if (std::sscanf(line, "ACCEPT 127.0.0.1:%u", &port) == 1) {
        url_ = "https://127.0.0.1:" + std::to_string(port);
        break;
      }
    }
    server_output_ = lines;  // kept open: s_server must not get SIGPIPE on a later line
    ASSERT_FALSE(url_.empty()) << "openssl s_server did not start";
  }

  void TearDown() override {
    if (server_ > 0) {
      ::kill(server_, SIGTERM);
      ::waitpid(server_, nullptr, 0);
    }
    if (server_output_ != nullptr) std::fclose(server_output_);
  }

  test::TempDir dir_;
  std::string cert_;
  std::string url_;
  pid_t server_ = -1;
  FILE* server_output_ = nullptr;
};

TEST_F(Tls, VerificationIsOnByDefault) {
  Client client = ClientBuilder(url_).build();
  const Error error = test::error_of([&] { (void)client.schema(); });
  EXPECT_EQ(error.kind(), AvisoErrorKind_Transport) << error.what();
  EXPECT_NE(std::string(error.what()).find("certificate"), std::string::npos) << error.what();
}

TEST_F(Tls, ACaBundleAddsTheServersIssuerToTheSystemRoots) {
  Client client = ClientBuilder(url_).ca_bundle(cert_).build();
  const SchemaCatalog catalog = client.schema();
  EXPECT_EQ(catalog.status, "success");
  EXPECT_EQ(catalog.event_types, std::vector<std::string>{"mars"});
}

TEST_F(Tls, DangerAcceptInvalidCertsConnectsWithoutTheIssuer) {
  Client client = ClientBuilder(url_).danger_accept_invalid_certs(true).build();
  EXPECT_EQ(client.schema().total_schemas, 1u);
}

}  // namespace
}  // namespace aviso
