// `aviso config dump`: the resolved configuration with the source of every value
// (surfaces.md 1.4). The YAML form puts the source in a comment on each line and parses as YAML;
// the JSON form (--json) gives each value as {"value": ..., "source": ...}. Neither form ever
// contains a token or a password; --redact also hides the basic-auth user name.
#pragma once

#include <string>

#include "resolved_config.hpp"

namespace aviso::cli {

std::string format_config_dump_yaml(const ResolvedConfig& config, bool redact);
std::string format_config_dump_json(const ResolvedConfig& config, bool redact);

}  // namespace aviso::cli
