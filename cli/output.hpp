// Writing to stdout and stderr with one write-all per record, so a line is never interleaved
// with another thread's output or cut by a broken pipe mid-way.
#pragma once

#include <string_view>

namespace aviso::cli {

// Writes all of `text` to `fd`. Throws CommandError (runtime) naming the stream on failure
// (EPIPE, ENOSPC, ...).
void write_all(int fd, std::string_view text);

void write_stdout(std::string_view text);
// Best effort: diagnostics must not turn into a second failure.
void write_stderr(std::string_view text) noexcept;

}  // namespace aviso::cli
