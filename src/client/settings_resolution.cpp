#include "client/settings_resolution.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/plaintext_policy.hpp"
#include "aviso/error.hpp"
#include "core/utf8.hpp"
#include "http/url.hpp"

namespace aviso::client {
namespace {

struct LoadedFile {
  std::string path;
  std::string text;
  ClientSettings settings;
};

std::optional<LoadedFile> load_config(const ResolveInputs& inputs) {
  std::optional<std::string> path;
  if (inputs.file == ResolveInputs::File::Named) {
    path = inputs.file_path;
    std::error_code ignored;
    if (!std::filesystem::exists(*path, ignored)) {
      throw Error::config("config file " + *path + " does not exist");
    }
  } else if (inputs.file == ResolveInputs::File::Default) {
    path = default_config_path();
    std::error_code ignored;
    if (!path || !std::filesystem::exists(*path, ignored)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  std::ifstream in(*path, std::ios::binary);
  if (!in) throw Error::config("cannot read config file " + *path);
  std::ostringstream content;
  content << in.rdbuf();
  LoadedFile loaded{*path, content.str(), {}};
  loaded.settings = ClientSettings::parse(loaded.text, loaded.path);
  return loaded;
}

std::optional<std::string> env_base_url() {
  const char* value = std::getenv("AVISO_BASE_URL");
  if (value == nullptr || *value == '\0') return std::nullopt;
  const std::string text(value);
  if (!is_valid_utf8(text)) throw Error::config("AVISO_BASE_URL is not valid UTF-8");
  return text;
}

std::string display_address(const std::string& url) {
  const std::optional<http::Url> parsed = http::Url::parse(url);
  if (!parsed) return "<unparseable url>";
  std::string out = parsed->origin() + parsed->path;
  if (out.back() != '/') out += '/';
  return out;
}

std::string source_of(const auth::CredentialSource& source) {
  if (source.kind == auth::CredentialSource::Kind::Environment) {
    return "environment AVISO_TOKEN or AVISO_USERNAME";
  }
  return source.display();
}

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

}  // namespace

std::string format_seconds(const std::optional<std::chrono::milliseconds>& value) {
  if (!value) return "none";
  const long long ms = value->count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  char text[64];
  std::snprintf(text, sizeof text, "%lld.%03lld", ms / 1000, ms % 1000);
  std::string out(text);
  while (out.back() == '0') out.pop_back();
  return out + "s";
}

std::string ResolvedSettings::to_string() const {
  std::string out;
  const auto line = [&out](const std::string& name, const std::string& value,
                           const std::string& source) {
    out += pad(name, 28) + pad(value, 40) + "(" + source + ")\n";
  };
  if (base_url) {
    line("base_url", *base_url, base_url_source);
  } else {
    line("base_url", "none", "not set in code, AVISO_BASE_URL or the config file");
  }
  if (auth) {
    line("auth", auth->kind, auth->refused ? auth->source + "; " + *auth->refused : auth->source);
  } else {
    line("auth", "none", "no credential found");
  }
  line("timeout", format_seconds(timeout), timeout_source);
  line("heartbeat_interval", format_seconds(heartbeat_interval), heartbeat_interval_source);
  std::string bundles;
  for (const std::string& path : ca_bundle) bundles += (bundles.empty() ? "" : ", ") + path;
  line("ca_bundle", bundles.empty() ? "none" : bundles, ca_bundle_source);
  line("danger_accept_invalid_certs", danger_accept_invalid_certs ? "true" : "false",
       danger_accept_invalid_certs_source);
  return out;
}

Resolution resolve(const ResolveInputs& inputs) {
  const std::optional<LoadedFile> file = load_config(inputs);
  const ClientSettings settings = file ? file->settings : ClientSettings{};
  const std::string file_source = file ? "config file " + file->path : "default";
  Resolution resolution;
  ResolvedSettings& out = resolution.settings;
  if (file) out.config_file = file->path;

  if (inputs.base_url) {
    resolution.raw_base_url = inputs.base_url;
    out.base_url_source = "code";
  } else if (std::optional<std::string> from_env;
             inputs.read_env_address && (from_env = env_base_url())) {
    resolution.raw_base_url = from_env;
    out.base_url_source = "environment AVISO_BASE_URL";
  } else if (settings.base_url) {
    resolution.raw_base_url = settings.base_url;
    out.base_url_source = file_source;
  }
  if (resolution.raw_base_url) out.base_url = display_address(*resolution.raw_base_url);

  if (inputs.timeout) {
    out.timeout = inputs.timeout;
    out.timeout_source = "code";
  } else if (settings.timeout) {
    out.timeout = settings.timeout;
    out.timeout_source = file_source;
  }
  if (inputs.heartbeat_interval) {
    out.heartbeat_interval = inputs.heartbeat_interval;
    out.heartbeat_interval_source = "code";
  } else if (settings.heartbeat_interval) {
    out.heartbeat_interval = settings.heartbeat_interval;
    out.heartbeat_interval_source = file_source;
  }
  out.ca_bundle = settings.ca_bundle;
  out.ca_bundle.insert(out.ca_bundle.end(), inputs.ca_bundle.begin(), inputs.ca_bundle.end());
  if (!inputs.ca_bundle.empty()) {
    out.ca_bundle_source = "code";
  } else if (!settings.ca_bundle.empty()) {
    out.ca_bundle_source = file_source;
  }
  resolution.ca_bundle = out.ca_bundle;
  if (inputs.danger_accept_invalid_certs) {
    out.danger_accept_invalid_certs = *inputs.danger_accept_invalid_certs;
    out.danger_accept_invalid_certs_source = "code";
  } else if (settings.danger_accept_invalid_certs) {
    out.danger_accept_invalid_certs = true;
    out.danger_accept_invalid_certs_source = file_source;
  }

  // The credential.
  std::optional<auth::Discovered> found;
  switch (inputs.auth.mode) {
    case CodeAuth::Mode::Named:
      resolution.provider = inputs.auth.provider;
      out.auth = ResolvedAuth{inputs.auth.provider->kind(), "code", std::nullopt};
      break;
    case CodeAuth::Mode::Anonymous:
      out.auth = ResolvedAuth{"anonymous", "code", std::nullopt};
      break;
    case CodeAuth::Mode::Found:
      found = inputs.auth.found;
      break;
    case CodeAuth::Mode::Unset:
      if (!inputs.search_for_credential) {
        out.auth = ResolvedAuth{"anonymous", "code", std::nullopt};
        break;
      }
      {
        auth::DiscoveryPaths paths;
        if (file) {
          paths.config_file = file->path;
          paths.config_content = file->text;
        }
        paths.credentials_file = default_credentials_path();
        out.credentials_file = paths.credentials_file;
        found = auth::discover(paths);
      }
      break;
  }
  if (found) {
    resolution.provider = found->provider;
    out.auth = ResolvedAuth{found->provider->kind(), source_of(found->source), std::nullopt};
    if (resolution.raw_base_url && auth::is_public_plaintext(*resolution.raw_base_url)) {
      resolution.refusal = auth::plaintext_refusal(found->source, *resolution.raw_base_url);
      out.auth->refused = "refused: " + auth::url_without_userinfo(*resolution.raw_base_url) +
                          " is plain http to a host that is not loopback, so build() will "
                          "fail; use https, or name the credential in code";
    }
  }
  return resolution;
}

}  // namespace aviso::client
