#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schema.hpp"

namespace aviso::server {

// A watch/replay filter written as an object with one operator, e.g. {"step": {"gte": 6}}
// (protocol section 3.7). IntHandler and FloatHandler take eq, gt, gte, lt, lte, in and between;
// EnumHandler takes eq and in. Operands are checked against the field's type, range and values.
class Constraint {
 public:
  enum class Operator { Eq, Gt, Gte, Lt, Lte, In, Between };

  // Throws ValidationError naming the field and what is wrong with the object.
  static Constraint parse(const FieldRule& rule, const nlohmann::json& object);

  // `token` is the notification's canonical value for the field. A wildcard, an empty token or one
  // that does not parse as the field's type never matches.
  bool matches(std::string_view token) const;

 private:
  HandlerType type_ = HandlerType::Int;
  Operator op_ = Operator::Eq;
  std::vector<std::int64_t> ints_;
  std::vector<double> floats_;
  std::vector<std::string> strings_;
};

}  // namespace aviso::server
