// Extra CA certificates are trusted IN ADDITION to the system roots. libcurl's CURLOPT_CAINFO
// replaces the default bundle, so the transport hands curl one PEM blob holding both.
#pragma once

#include <string>
#include <vector>

namespace aviso::http {

inline constexpr const char* kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

// The system bundle (when readable) followed by every extra file. Throws Error::config naming
// the file when an extra file cannot be read or holds no PEM certificate.
std::string combined_ca_bundle(const std::vector<std::string>& extra_files,
                               const std::string& system_bundle = kSystemCaBundle);

}  // namespace aviso::http
