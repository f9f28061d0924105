#include "template/shell_tracker.hpp"

#include <algorithm>
#include <array>

namespace aviso::templates {
namespace {

constexpr std::size_t kSegmentKeep = 9;  // longer than every keyword, so truncation never matches

// Words after which sh still expects a command name.
constexpr std::array<std::string_view, 9> kKeywordsKeepingCommand = {
    "!", "{", "if", "then", "else", "elif", "while", "until", "do"};
// Commands that run their first non-option argument as a command.
constexpr std::array<std::string_view, 16> kWrappers = {
    "time", "command", "exec",    "builtin", "nohup",  "env",    "nice",  "xargs",
    "sudo", "doas",    "timeout", "stdbuf",  "setsid", "chroot", "flock", "ionice"};
// Commands whose arguments are read again as shell code. Beyond the reference's list: watch,
// ssh, su and parallel hand their arguments to a shell too.
constexpr std::array<std::string_view, 13> kReparsers = {
    "eval", "trap",    "sh",    "bash", "dash", "zsh",     "ksh",
    "ash",  "busybox", "watch", "ssh",  "su",   "parallel"};
// Commands that may start a shell named later on their line (`find . -exec sh -c '...'`),
// without being wrappers themselves.
constexpr std::array<std::string_view, 1> kShellLaunchers = {"find"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_replacing(std::string& out, std::string_view value, char from, std::string_view to) {
  for (char c : value) {
    if (c == from) {
      out.append(to);
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

std::string_view shell_quote_name(ShellQuote quote) noexcept {
  switch (quote) {
    case ShellQuote::Bare:
      return "Bare";
    case ShellQuote::SingleQuoted:
      return "SingleQuoted";
    case ShellQuote::DoubleQuoted:
      return "DoubleQuoted";
    case ShellQuote::Comment:
      return "Comment";
  }
  return "Bare";
}

std::string quote_for_shell(ShellQuote quote, std::string_view value) {
  std::string out;
  out.reserve(value.size() + 8);
  switch (quote) {
    case ShellQuote::Bare:
      out.push_back('\'');
      append_replacing(out, value, '\'', "'\\''");
      out.push_back('\'');
      break;
    case ShellQuote::SingleQuoted:
      append_replacing(out, value, '\'', "'\\''");
      break;
    case ShellQuote::DoubleQuoted:
      for (char c : value) {
        if (c == '\\' || c == '$' || c == '`' || c == '"') out.push_back('\\');
        out.push_back(c);
      }
      break;
    case ShellQuote::Comment:
      append_replacing(out, value, '\n', " ");
      break;
  }
  return out;
}

ShellTracker::ShellTracker() { levels_.emplace_back(); }

void ShellTracker::feed(std::string_view text) {
  for (char c : text) read(c);
}

void ShellTracker::feed_quoted_value(std::string_view quoted) {
  feed(quoted);
  Level& level = levels_.back();
  if (level.quote != ShellQuote::Comment && level.word.active) level.word.has_literal = true;
}

std::optional<std::string_view> ShellTracker::refusal() const noexcept {
  // Constructs after which the tracker no longer knows where text ends up: refuse everywhere,
  // comments included (a "comment" may really be here-document body or backtick text).
  if (seen_here_document_) return shell_refusal::kHereDocument;
  if (seen_arithmetic_) return shell_refusal::kArithmetic;
  if (seen_backticks_) return shell_refusal::kBackticks;
  if (seen_case_) return shell_refusal::kCaseStatement;
  if (seen_brace_in_double_quotes_) return shell_refusal::kBraceInDoubleQuotes;

  const Level& level = levels_.back();
  if (level.quote == ShellQuote::Comment) return std::nullopt;
  if (level.quote != ShellQuote::SingleQuoted && (level.dollar_pending || level.just_opened)) {
    return shell_refusal::kDollarBefore;
  }
  if (level.redirect_pending || level.in_operator ||
      (level.word.active && level.word.redirect_operand)) {
    return shell_refusal::kRedirection;
  }
  for (const Level& open : levels_) {
    if (open.kind == LevelKind::Brace) return shell_refusal::kOpenBrace;
  }
  const bool starts_command = level.word.active
                                  ? level.word.command_position && !level.word.has_literal
                                  : level.command_position;
  if (starts_command) return shell_refusal::kCommandWord;
  if (level.reparsing) return shell_refusal::kReparsed;
  return std::nullopt;
}

std::string ShellTracker::quote_value(std::string_view value) const {
  std::string quoted = quote_for_shell(quote(), value);
  // A dangling backslash would escape our opening quote; backslash-newline is removed by sh.
  if (escape_pending_ && quote() != ShellQuote::SingleQuoted && quote() != ShellQuote::Comment) {
    quoted.insert(quoted.begin(), '\n');
  }
  return quoted;
}

void ShellTracker::read(char c) {
  Level& level = levels_.back();
  if (escape_pending_) {
    escape_pending_ = false;
    // Backslash-newline vanishes: whatever was in progress (a word, `$`, `<`) resumes.
    if (c == '\n') return;
    level.dollar_pending = false;
    level.in_parameter_name = false;
    level.just_opened = false;
    if (level.quote == ShellQuote::Bare) {
      add_literal(level, c, true);
    } else if (level.quote == ShellQuote::DoubleQuoted) {
      add_literal(level, c, true);
    }
    return;
  }
  switch (level.quote) {
    case ShellQuote::SingleQuoted:
      if (c == '\'') {
        level.quote = ShellQuote::Bare;
      } else {
        add_literal(level, c, true);
      }
      return;
    case ShellQuote::Comment:
      if (c == '\n') {
        level.quote = ShellQuote::Bare;
        new_command(level);
      }
      return;
    case ShellQuote::DoubleQuoted:
      read_double(level, c);
      return;
    case ShellQuote::Bare:
      read_bare(level, c);
      return;
  }
}

// Handles the character after an unconsumed `$`. Returns true when it was consumed here.
bool ShellTracker::read_after_dollar(Level& level, char c) {
  if (level.dollar_pending) {
    level.dollar_pending = false;
    if (c == '(') {
      push(LevelKind::Substitution);
      return true;
    }
    if (c == '{') {
      if (level.quote == ShellQuote::DoubleQuoted) seen_brace_in_double_quotes_ = true;
      push(LevelKind::Brace);
      return true;
    }
    if (is_name_start(c)) {
      level.in_parameter_name = true;
      return true;
    }
    if (is_digit(c) || c == '#' || c == '?' || c == '@' || c == '*' || c == '$' || c == '!' ||
        c == '-') {
      return true;  // a special parameter: part of an expansion, not literal text
    }
    return false;  // a lone `$` followed by text: the `$` is literal
  }
  if (level.in_parameter_name) {
    if (is_name_char(c)) return true;
    level.in_parameter_name = false;
  }
  return false;
}

void ShellTracker::read_double(Level& level, char c) {
  if (c == '\\') {  // decided by the next character; a line continuation leaves state as is
    escape_pending_ = true;
    return;
  }
  level.just_opened = false;
  if (read_after_dollar(level, c)) return;
  switch (c) {
    case '"':
      level.quote = ShellQuote::Bare;
      return;
    case '`':
      seen_backticks_ = true;
      return;
    case '$':
      level.dollar_pending = true;
      return;
    default:
      add_literal(level, c, true);
      return;
  }
}

void ShellTracker::read_bare(Level& level, char c) {
  if (c == '\\') {  // decided by the next character; a line continuation leaves state as is
    escape_pending_ = true;
    return;
  }
  if (level.just_opened) {
    level.just_opened = false;
    if (c == '(') seen_arithmetic_ = true;
  }
  if (read_after_dollar(level, c)) return;

  // A redirection operator token continues with these characters (`>>`, `<>`, `>&`, `>|`).
  if (level.in_operator) {
    if (c == '<' || c == '>') {
      if (level.operator_last == '<' && c == '<') seen_here_document_ = true;
      level.operator_last = c;
      return;
    }
    if (c == '&' || c == '|') {
      level.operator_last = c;
      return;
    }
    level.in_operator = false;
  }

  const bool in_brace = level.kind == LevelKind::Brace;
  switch (c) {
    case ' ':
    case '\t':
      if (!in_brace) end_word(level);
      return;
    case '\n':
      if (!in_brace) new_command(level);
      return;
    case ';':
    case '&':
    case '|':
      if (!in_brace) new_command(level);
      return;
    case '#':
      // Only at the start of a word; never right after a redirection (sh would comment there
      // too, but treating it as text keeps the value quoted, which is the safe side).
      if (!in_brace && !level.word.active && !level.redirect_pending) {
        level.quote = ShellQuote::Comment;
        return;
      }
      add_literal(level, c, false);
      return;
    case '\'':
      start_word(level);
      level.word.plain = false;
      level.quote = ShellQuote::SingleQuoted;
      return;
    case '"':
      start_word(level);
      level.word.plain = false;
      level.quote = ShellQuote::DoubleQuoted;
      return;
    case '`':
      seen_backticks_ = true;
      start_word(level);
      level.word.plain = false;
      return;
    case '$':
      start_word(level);
      level.word.plain = false;
      level.dollar_pending = true;
      return;
    case '(':
      if (in_brace) {
        add_literal(level, c, false);
        return;
      }
      end_word(level);
      level.reparsing = false;
      level.wrapper = false;
      level.flock = false;
      push(LevelKind::Group);
      return;
    case ')':
      if (in_brace) {
        add_literal(level, c, false);
        return;
      }
      if (level.kind == LevelKind::Substitution) {
        end_word(level);
        pop_to_parent();  // the substitution continues the enclosing word
        return;
      }
      if (level.kind == LevelKind::Group) {
        end_word(level);
        pop_to_parent();
        new_command(levels_.back());
        return;
      }
      new_command(level);  // a stray `)` (case pattern): treat as a command boundary
      return;
    case '}':
      if (in_brace) {
        pop_to_parent();
        return;
      }
      add_literal(level, c, false);
      return;
    case '<':
    case '>':
      if (in_brace) {
        add_literal(level, c, false);
        return;
      }
      // Digits right before the operator are its file descriptor, not a word.
      if (level.word.active && level.word.plain && !level.word.segment.empty() &&
          std::all_of(level.word.segment.begin(), level.word.segment.end(), is_digit) &&
          !level.word.slash_seen && !level.word.redirect_operand) {
        // An fd number in command position leaves the command name still to come.
        if (level.word.command_position) level.command_position = true;
        level.word = Word{};
      } else {
        end_word(level);
      }
      level.in_operator = true;
      level.operator_last = c;
      level.redirect_pending = true;
      return;
    default:
      add_literal(level, c, false);
      return;
  }
}

void ShellTracker::start_word(Level& level) {
  if (level.word.active) return;
  level.word = Word{};
  level.word.active = true;
  if (level.kind == LevelKind::Brace) return;
  if (level.redirect_pending) {
    level.word.redirect_operand = true;
    level.redirect_pending = false;
    return;
  }
  level.word.command_position = level.command_position;
  level.command_position = false;
}

void ShellTracker::add_literal(Level& level, char c, bool quoted) {
  start_word(level);
  Word& word = level.word;
  word.has_literal = true;
  if (quoted) word.plain = false;
  if (word.first == '\0') word.first = c;
  if (word.assignment_name && !word.assignment) {
    if (c == '=' && !quoted && !word.segment.empty() && !word.slash_seen) {
      word.assignment = true;
    } else if (quoted || !is_name_char(c) || (word.segment.empty() && is_digit(c))) {
      word.assignment_name = false;
    }
  }
  if (c == '/') {
    word.slash_seen = true;
    word.segment.clear();
    return;
  }
  if (word.segment.size() < kSegmentKeep) word.segment.push_back(c);
}

void ShellTracker::end_word(Level& level) {
  level.dollar_pending = false;
  level.in_parameter_name = false;
  if (!level.word.active) return;
  const Word word = level.word;
  level.word = Word{};
  if (word.redirect_operand || level.kind == LevelKind::Brace) return;

  if (word.plain && !word.slash_seen && word.segment == "case") seen_case_ = true;
  const std::string_view name = word.segment;
  if (word.command_position) {
    if (word.assignment || contains(kKeywordsKeepingCommand, name) || word.first == '-' ||
        is_digit(word.first)) {
      level.command_position = true;
    } else if (contains(kWrappers, name)) {
      level.command_position = true;
      level.wrapper = true;
      if (name == "flock") level.flock = true;
    } else if (contains(kReparsers, name)) {
      level.reparsing = true;
    } else if (contains(kShellLaunchers, name)) {
      level.wrapper = true;
    }
    return;
  }
  // `sudo -u root sh -c '...'`: a shell named anywhere in a wrapped command reparses.
  if (level.wrapper && contains(kReparsers, name)) level.reparsing = true;
  // `flock FILE -c '...'` runs its command string through a shell.
  if (level.flock && word.plain && (name == "-c" || name == "--command")) level.reparsing = true;
}

void ShellTracker::new_command(Level& level) {
  end_word(level);
  level.command_position = true;
  level.reparsing = false;
  level.wrapper = false;
  level.flock = false;
  level.in_operator = false;
  level.redirect_pending = false;
}

void ShellTracker::push(LevelKind kind) {
  Level inner;
  inner.kind = kind;
  inner.command_position = kind != LevelKind::Brace;
  inner.just_opened = kind == LevelKind::Substitution;
  levels_.push_back(std::move(inner));
}

void ShellTracker::pop_to_parent() {
  if (levels_.size() > 1) levels_.pop_back();
}

}  // namespace aviso::templates
