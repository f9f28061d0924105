#pragma once

#include <optional>

#include "auth.hpp"
#include "settings.hpp"
#include "store.hpp"

namespace aviso::server {

// What every endpoint handler reads or changes.
struct ApiContext {
  const Settings& settings;
  Store& store;
  const std::optional<AuthTable>& auth;  // nullopt: auth disabled, everything public
};

}  // namespace aviso::server
