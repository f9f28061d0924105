#include "client_factory.hpp"

#include "aviso/client_builder.hpp"
#include "command_error.hpp"

namespace aviso::cli {

aviso::Client build_client(const ResolvedConfig& config,
                           const std::function<void(aviso::ClientBuilder&)>& customise) {
  if (!config.base_url) throw CommandError::usage(missing_base_url_message());
  if (config.credential_refusal) throw CommandError::runtime(*config.credential_refusal);
  try {
    aviso::ClientBuilder builder(config.base_url->value);
    if (config.timeout) builder.timeout(config.timeout->value);
    if (config.heartbeat_interval) builder.heartbeat_interval(config.heartbeat_interval->value);
    for (const auto& bundle : config.ca_bundle.value) builder.ca_bundle(bundle);
    builder.danger_accept_invalid_certs(config.danger_accept_invalid_certs.value);
    if (config.credential) {
      builder.auth(config.credential->provider);
    } else {
      builder.anonymous();
    }
    if (customise) customise(builder);
    return builder.build();
  } catch (const aviso::Error& error) {
    throw CommandError::runtime("cannot set up the aviso client for " + config.base_url->value +
                                " (" + config.base_url->origin.describe() + ")")
        .caused_by(error.what());
  }
}

CommandError request_failed(const std::string& what, const aviso::Error& error,
                            const std::string& permission) {
  auto failure = CommandError::runtime(what + " failed");
  failure.caused_by(error.what());
  if (error.kind() == AvisoErrorKind_Http) {
    if (error.error().http_status == 401) {
      failure.suggest(
          "the server rejected the credentials (missing, invalid or expired): check "
          "--token, --username/--password or AVISO_TOKEN, AVISO_USERNAME, "
          "AVISO_PASSWORD; `aviso config dump --redact` shows which one is used");
    } else if (error.error().http_status == 403) {
      failure.suggest("the credentials were accepted but lack " + permission +
                      "; ask the server's operator for it");
    }
  } else if (error.kind() == AvisoErrorKind_Transport) {
    failure.suggest(
        "check that the server is running and that the base URL is right "
        "(`aviso config dump` shows it and where it came from)");
  }
  return failure;
}

}  // namespace aviso::cli
