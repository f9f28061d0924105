#include "http/ca_bundle.hpp"

#include <fstream>
#include <sstream>

#include "aviso/error.hpp"

namespace aviso::http {
namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return content.str();
}

}  // namespace

std::string combined_ca_bundle(const std::vector<std::string>& extra_files,
                               const std::string& system_bundle) {
  std::string bundle = read_file(system_bundle).value_or("");
  for (const std::string& path : extra_files) {
    std::optional<std::string> pem = read_file(path);
    if (!pem) throw Error::config("cannot read ca_bundle file " + path);
    if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      throw Error::config("ca_bundle file " + path + " holds no PEM certificate");
    }
    if (!bundle.empty() && bundle.back() != '\n') bundle += '\n';
    bundle += *pem;
  }
  return bundle;
}

}  // namespace aviso::http
