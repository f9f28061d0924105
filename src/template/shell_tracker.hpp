// Follows, character by character, the state /bin/sh is in after reading the command text
// emitted so far, so a notification value can be quoted for exactly that state, or refused
// where no quoting protects it (spec triggers-auth-config.md 3.4).
//
// This is the security boundary of the command trigger: a value either reaches the command
// as literal data or the render fails. The tracker errs towards refusing: when it cannot tell
// what sh would do with a value it reports a reason instead of guessing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aviso::templates {

enum class ShellQuote { Bare, SingleQuoted, DoubleQuoted, Comment };

std::string_view shell_quote_name(ShellQuote quote) noexcept;

// Exact refusal reasons (the `field` of a ValueAfterUnsupportedShellSyntax error).
namespace shell_refusal {
inline constexpr std::string_view kHereDocument = "a here-document";
inline constexpr std::string_view kArithmetic = "arithmetic expansion";
inline constexpr std::string_view kBackticks = "backticks";
inline constexpr std::string_view kCaseStatement = "a case statement";
inline constexpr std::string_view kBraceInDoubleQuotes = "a `${ }` expansion inside double quotes";
inline constexpr std::string_view kDollarBefore = "a `$` right before the placeholder";
inline constexpr std::string_view kRedirection = "a redirection";
inline constexpr std::string_view kOpenBrace = "an open `${ }` expansion";
inline constexpr std::string_view kCommandWord = "the command word";
inline constexpr std::string_view kReparsed =
    "an argument to a command that reads it as shell code";
}  // namespace shell_refusal

// The quoting of `value` for a quoting context, without the backslash-newline guard the
// tracker adds after a dangling escape.
std::string quote_for_shell(ShellQuote quote, std::string_view value);

class ShellTracker {
 public:
  ShellTracker();

  // Operator text: template literals and env values.
  void feed(std::string_view text);
  // A value produced by quote_value(): read like any text, then the current word counts as
  // non-empty, so a later value in the same word is not taken for the command word.
  void feed_quoted_value(std::string_view quoted);

  // The quoting context of the innermost open level.
  ShellQuote quote() const noexcept { return levels_.back().quote; }
  // Why a value placed now cannot be protected, or nothing when it can.
  std::optional<std::string_view> refusal() const noexcept;
  // `value` quoted for the current state (prefixed with a newline when the text so far ends in
  // a pending backslash, so the escape is consumed as a line continuation).
  std::string quote_value(std::string_view value) const;

 private:
  enum class LevelKind : std::uint8_t { Outer, Substitution, Group, Brace };

  struct Word {
    bool active = false;
    bool command_position = false;  // started where sh expects a command name
    bool has_literal = false;       // holds text that is not only expansions or quotes
    bool plain = true;              // only unquoted, unescaped literal characters
    bool redirect_operand = false;  // the file (or fd) operand of a redirection
    bool slash_seen = false;
    bool assignment_name = true;  // still a valid NAME prefix of NAME=...
    bool assignment = false;      // NAME= seen
    char first = '\0';            // first literal character
    std::string segment;          // after the last '/', quote-removed, at most 9 chars
  };

  struct Level {
    LevelKind kind = LevelKind::Outer;
    ShellQuote quote = ShellQuote::Bare;
    bool command_position = true;  // the next word would be a command name
    bool reparsing = false;        // the current command hands its arguments to a shell
    bool wrapper = false;          // the current command runs another command (sudo, env, ...)
    bool flock = false;            // the current command is flock (whose -c takes shell code)
    bool just_opened = false;      // a `$(` with nothing read after it yet
    bool dollar_pending = false;   // an unconsumed `$`
    bool in_parameter_name = false;
    bool in_operator = false;  // inside a redirection operator token (`<`, `>>`, `2>&` ...)
    char operator_last = '\0';
    bool redirect_pending = false;  // a redirection operator awaits its operand
    Word word;
  };

  void read(char c);
  void read_bare(Level& level, char c);
  void read_double(Level& level, char c);
  bool read_after_dollar(Level& level, char c);
  void start_word(Level& level);
  void add_literal(Level& level, char c, bool quoted);
  void end_word(Level& level);
  void new_command(Level& level);
  void push(LevelKind kind);
  void pop_to_parent();

  std::vector<Level> levels_;
  bool escape_pending_ = false;
  bool seen_here_document_ = false;
  bool seen_arithmetic_ = false;
  bool seen_backticks_ = false;
  bool seen_case_ = false;
  bool seen_brace_in_double_quotes_ = false;
};

}  // namespace aviso::templates
