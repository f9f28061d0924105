#include "aviso/client_builder.hpp"

#include <optional>

#include "auth/discovery.hpp"
#include "aviso/auth.hpp"
#include "aviso/client.hpp"
#include "aviso/error.hpp"
#include "aviso/version.hpp"
#include "client/base_url.hpp"
#include "client/client_internals.hpp"
#include "client/settings_resolution.hpp"
#include "http/ca_bundle.hpp"

namespace aviso {

struct ClientBuilder::State {
  client::ResolveInputs inputs;
  std::optional<std::string> user_agent;
  std::shared_ptr<StateStore> state_store;
  bool flush_cursor_on_exit = false;
  // The first mistake made through a setter, reported by build() and describe().
  std::optional<Error> error;

  void remember(const Error& mistake) {
    if (!error) error = mistake;
  }
};

ClientBuilder::ClientBuilder(std::unique_ptr<State> state) : state_(std::move(state)) {}

ClientBuilder::ClientBuilder(const std::string& base_url) : state_(std::make_unique<State>()) {
  state_->inputs.base_url = base_url;
}

ClientBuilder ClientBuilder::from_file() {
  auto state = std::make_unique<State>();
  state->inputs.file = client::ResolveInputs::File::Default;
  state->inputs.search_for_credential = true;
  return ClientBuilder(std::move(state));
}

ClientBuilder ClientBuilder::from_file(const std::string& path) {
  auto state = std::make_unique<State>();
  state->inputs.file = client::ResolveInputs::File::Named;
  state->inputs.file_path = path;
  state->inputs.search_for_credential = true;
  return ClientBuilder(std::move(state));
}

ClientBuilder ClientBuilder::from_environment() {
  ClientBuilder builder = from_file();
  builder.state_->inputs.read_env_address = true;
  return builder;
}

ClientBuilder::ClientBuilder(ClientBuilder&&) noexcept = default;
ClientBuilder& ClientBuilder::operator=(ClientBuilder&&) noexcept = default;
ClientBuilder::~ClientBuilder() = default;

ClientBuilder::State& ClientBuilder::live() const {
  if (!state_) {
    throw Error::invalid_usage("this ClientBuilder was already used (built or moved from)");
  }
  return *state_;
}

std::string ClientBuilder::describe() const {
  const State& state = live();
  if (state.error) throw *state.error;
  return client::resolve(state.inputs).settings.to_string();
}

ClientBuilder& ClientBuilder::base_url(const std::string& url) {
  live().inputs.base_url = url;
  return *this;
}

ClientBuilder& ClientBuilder::basic_auth(const std::string& username, const std::string& password) {
  State& state = live();
  try {
    auth(std::make_shared<auth::Basic>(username, password));
  } catch (const Error& error) {
    state.remember(error);
  }
  return *this;
}

ClientBuilder& ClientBuilder::bearer_auth(const std::string& token) {
  State& state = live();
  try {
    auth(std::make_shared<auth::Bearer>(token));
  } catch (const Error& error) {
    state.remember(error);
  }
  return *this;
}

ClientBuilder& ClientBuilder::discover_auth() {
  State& state = live();
  try {
    auth::DiscoveryPaths paths;
    paths.config_file = state.inputs.file == client::ResolveInputs::File::Named
                            ? std::optional<std::string>(state.inputs.file_path)
                            : default_config_path();
    paths.credentials_file = default_credentials_path();
    if (std::optional<auth::Discovered> found = auth::discover(paths)) {
      state.inputs.auth = client::CodeAuth{client::CodeAuth::Mode::Found, nullptr, *found};
    }
  } catch (const Error& error) {
    state.remember(error);
  }
  return *this;
}

ClientBuilder& ClientBuilder::auth(std::shared_ptr<AuthProvider> provider) {
  State& state = live();
  if (!provider) {
    state.remember(Error::invalid_input("auth provider must not be null"));
    return *this;
  }
  state.inputs.auth = client::CodeAuth{client::CodeAuth::Mode::Named, std::move(provider), {}};
  return *this;
}

ClientBuilder& ClientBuilder::anonymous() {
  live().inputs.auth = client::CodeAuth{client::CodeAuth::Mode::Anonymous, nullptr, {}};
  return *this;
}

ClientBuilder& ClientBuilder::timeout(std::chrono::milliseconds value) {
  live().inputs.timeout = value;
  return *this;
}

ClientBuilder& ClientBuilder::user_agent(const std::string& value) {
  live().user_agent = value;
  return *this;
}

ClientBuilder& ClientBuilder::heartbeat_interval(std::chrono::milliseconds value) {
  State& state = live();
  if (value.count() <= 0) {
    state.remember(Error::config("heartbeat_interval must be positive"));
  } else {
    state.inputs.heartbeat_interval = value;
  }
  return *this;
}

ClientBuilder& ClientBuilder::ca_bundle(const std::string& pem_path) {
  live().inputs.ca_bundle.push_back(pem_path);
  return *this;
}

ClientBuilder& ClientBuilder::danger_accept_invalid_certs(bool on) {
  live().inputs.danger_accept_invalid_certs = on;
  return *this;
}

ClientBuilder& ClientBuilder::state_store(std::shared_ptr<StateStore> store) {
  live().state_store = std::move(store);
  return *this;
}

ClientBuilder& ClientBuilder::flush_cursor_on_exit(bool on) {
  live().flush_cursor_on_exit = on;
  return *this;
}

Client ClientBuilder::build() {
  live();
  const std::unique_ptr<State> state = std::move(state_);
  if (state->error) throw *state->error;
  client::Resolution resolution = client::resolve(state->inputs);
  if (!resolution.raw_base_url) throw Error::config("AvisoClient requires a base_url");
  const std::string base_url = client::normalize_base_url(*resolution.raw_base_url);
  if (resolution.refusal) throw *resolution.refusal;

  auto core = std::make_unique<detail::ClientCore>();
  core->base_url = base_url;
  core->timeout = resolution.settings.timeout;
  core->heartbeat_interval =
      resolution.settings.heartbeat_interval.value_or(std::chrono::milliseconds(30000));
  core->user_agent = state->user_agent.value_or("aviso/" + version());
  core->danger_accept_invalid_certs = resolution.settings.danger_accept_invalid_certs;
  core->flush_cursor_on_exit = state->flush_cursor_on_exit;
  core->state_store = state->state_store;
  core->auth = std::make_unique<client::AuthSession>(resolution.provider);

  http::TransportOptions transport;
  transport.user_agent = core->user_agent;
  transport.danger_accept_invalid_certs = core->danger_accept_invalid_certs;
  transport.proxies = http::ProxyEnvironment::from_environment();
  if (!resolution.ca_bundle.empty()) {
    transport.ca_bundle = http::combined_ca_bundle(resolution.ca_bundle);
  }
  core->loop = std::make_unique<http::EventLoop>(std::move(transport));
  return Client(std::move(core));
}

}  // namespace aviso
