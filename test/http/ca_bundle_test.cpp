#include "http/ca_bundle.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "aviso/error.hpp"

namespace aviso::http {
namespace {

namespace fs = std::filesystem;

class CaBundle : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("aviso-ca-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

const char* const kPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

TEST_F(CaBundle, AddsExtraCertificatesAfterTheSystemRoots) {
  const std::string system = write("system.pem", "SYSTEM-ROOTS");
  const std::string extra = write("extra.pem", kPem);
  const std::string bundle = combined_ca_bundle({extra}, system);
  EXPECT_EQ(bundle.rfind("SYSTEM-ROOTS", 0), 0u);
  EXPECT_NE(bundle.find(kPem), std::string::npos);
}

TEST_F(CaBundle, TheRealSystemBundleIsKeptWhenExtrasAreAdded) {
  const std::string extra = write("extra.pem", kPem);
  const std::string bundle = combined_ca_bundle({extra});
  // More than one certificate: the system's plus ours.
  EXPECT_NE(bundle.find("-----BEGIN CERTIFICATE-----"),
            bundle.rfind("-----BEGIN CERTIFICATE-----"));
}

TEST_F(CaBundle, AnUnreadableFileIsAConfigErrorNamingIt) {
  const std::string missing = (dir_ / "missing.pem").string();
  try {
    combined_ca_bundle({missing});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), AvisoErrorKind_Config);
    EXPECT_NE(std::string(error.what()).find(missing), std::string::npos);
  }
}

TEST_F(CaBundle, AFileWithoutCertificatesIsRejected) {
  const std::string junk = write("junk.pem", "not a certificate");
  EXPECT_THROW(combined_ca_bundle({junk}), Error);
}

}  // namespace
}  // namespace aviso::http
