#include "constraint.hpp"

#include <algorithm>
#include <cmath>

#include "number_text.hpp"
#include "validation_error.hpp"

namespace aviso::server {

namespace {

struct OperatorName {
  Constraint::Operator op;
  std::string_view name;
};

constexpr OperatorName kOperators[] = {
    {Constraint::Operator::Eq, "eq"},           {Constraint::Operator::Gt, "gt"},
    {Constraint::Operator::Gte, "gte"},         {Constraint::Operator::Lt, "lt"},
    {Constraint::Operator::Lte, "lte"},         {Constraint::Operator::In, "in"},
    {Constraint::Operator::Between, "between"},
};

std::string field_prefix(const FieldRule& rule) { return "Field '" + rule.name + "'"; }

template <typename T>
bool compare(Constraint::Operator op, T value, const std::vector<T>& operands) {
  switch (op) {
    case Constraint::Operator::Eq:
      return value == operands[0];
    case Constraint::Operator::Gt:
      return value > operands[0];
    case Constraint::Operator::Gte:
      return value >= operands[0];
    case Constraint::Operator::Lt:
      return value < operands[0];
    case Constraint::Operator::Lte:
      return value <= operands[0];
    case Constraint::Operator::In:
      return std::find(operands.begin(), operands.end(), value) != operands.end();
    case Constraint::Operator::Between:
      return value >= operands[0] && value <= operands[1];
  }
  return false;
}

// The operands of one operator as a list: a single value for comparisons, the array for `in` and
// `between`.
std::vector<nlohmann::json> operand_list(const FieldRule& rule, Constraint::Operator op,
                                         std::string_view op_name, const nlohmann::json& operand) {
  const std::string where = field_prefix(rule) + " operator '" + std::string(op_name) + "'";
  if (op == Constraint::Operator::In) {
    if (!operand.is_array() || operand.empty())
      throw ValidationError(where + " expects a non-empty array");
    return std::vector<nlohmann::json>(operand.begin(), operand.end());
  }
  if (op == Constraint::Operator::Between) {
    if (!operand.is_array() || operand.size() != 2) {
      throw ValidationError(where + " expects an array of exactly two values [min, max]");
    }
    return std::vector<nlohmann::json>(operand.begin(), operand.end());
  }
  return {operand};
}

}  // namespace

Constraint Constraint::parse(const FieldRule& rule, const nlohmann::json& object) {
  if (rule.type != HandlerType::Int && rule.type != HandlerType::Float &&
      rule.type != HandlerType::Enum) {
    throw ValidationError(field_prefix(rule) +
                          " does not support constraint filters; expected scalar value");
  }
  if (object.size() != 1) {
    throw ValidationError(field_prefix(rule) + " constraint must contain exactly one operator");
  }
  const std::string& op_name = object.begin().key();
  const nlohmann::json& operand = object.begin().value();

  Constraint constraint;
  constraint.type_ = rule.type;
  const OperatorName* found = nullptr;
  for (const auto& candidate : kOperators) {
    if (candidate.name == op_name) found = &candidate;
  }
  const bool enum_operator = found && (found->op == Operator::Eq || found->op == Operator::In);
  if (!found || (rule.type == HandlerType::Enum && !enum_operator)) {
    const std::string allowed =
        rule.type == HandlerType::Enum ? "eq, in" : "eq, gt, gte, lt, lte, in, between";
    throw ValidationError(field_prefix(rule) + " has unsupported constraint operator '" + op_name +
                          "'. Supported for " + std::string(handler_name(rule.type)) + ": " +
                          allowed);
  }
  constraint.op_ = found->op;
  const std::string where = field_prefix(rule) + " operator '" + op_name + "'";

  for (const auto& value : operand_list(rule, found->op, op_name, operand)) {
    switch (rule.type) {
      case HandlerType::Int: {
        std::int64_t number = 0;
        if (value.is_number_integer() && !value.is_number_unsigned()) {
          number = value.get<std::int64_t>();
        } else if (value.is_number_unsigned() &&
                   value.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
          number = static_cast<std::int64_t>(value.get<std::uint64_t>());
        } else {
          throw ValidationError(where + " expects integer operands, got " + value.dump());
        }
        if (rule.int_range && (number < rule.int_range->first || number > rule.int_range->second)) {
          throw ValidationError(where + " operand " + std::to_string(number) +
                                " is outside allowed range [" +
                                std::to_string(rule.int_range->first) + ", " +
                                std::to_string(rule.int_range->second) + "]");
        }
        constraint.ints_.push_back(number);
        break;
      }
      case HandlerType::Float: {
        if (!value.is_number())
          throw ValidationError(where + " expects numeric operands, got " + value.dump());
        const double number = value.get<double>();
        if (!std::isfinite(number)) throw ValidationError(where + " expects finite operands");
        if (rule.float_range &&
            (number < rule.float_range->first || number > rule.float_range->second)) {
          throw ValidationError(where + " operand " + format_plain_decimal(number) +
                                " is outside allowed range [" +
                                format_plain_decimal(rule.float_range->first) + ", " +
                                format_plain_decimal(rule.float_range->second) + "]");
        }
        constraint.floats_.push_back(number);
        break;
      }
      default: {
        if (!value.is_string())
          throw ValidationError(where + " expects string operands, got " + value.dump());
        const std::string lower = to_lower_ascii(value.get<std::string>());
        const bool allowed =
            std::any_of(rule.values.begin(), rule.values.end(),
                        [&](const std::string& v) { return to_lower_ascii(v) == lower; });
        if (!allowed) {
          std::string list;
          for (std::size_t i = 0; i < rule.values.size(); ++i)
            list += (i ? ", " : "") + rule.values[i];
          throw ValidationError(field_prefix(rule) + " has invalid value '" +
                                value.get<std::string>() + "'. Allowed: [" + list + "]");
        }
        constraint.strings_.push_back(lower);
        break;
      }
    }
  }
  if (found->op == Operator::Between) {
    const bool reversed = rule.type == HandlerType::Int
                              ? constraint.ints_[0] > constraint.ints_[1]
                              : constraint.floats_[0] > constraint.floats_[1];
    if (reversed) throw ValidationError(where + " requires min <= max");
  }
  return constraint;
}

bool Constraint::matches(std::string_view token) const {
  if (token.empty() || token == "*") return false;
  switch (type_) {
    case HandlerType::Int: {
      const auto value = parse_i64(token);
      return value && compare(op_, *value, ints_);
    }
    case HandlerType::Float: {
      const auto value = parse_f64(token);
      return value && std::isfinite(*value) && compare(op_, *value, floats_);
    }
    default:
      return compare(op_, to_lower_ascii(token), strings_);
  }
}

}  // namespace aviso::server
