// Terminal detection and the colour decision, per stream (surfaces.md 1.2): logs check stderr,
// the echo trigger checks stdout, so `aviso listen --color auto | jq` keeps colour on the
// terminal and plain JSON in the pipe.
#pragma once

#include "invocation.hpp"

namespace aviso::cli {

bool is_terminal(int fd) noexcept;

// auto: colour when the stream is a terminal and NO_COLOR is unset; always: colour even with
// NO_COLOR; never: no colour.
bool color_enabled(ColorMode mode, bool stream_is_terminal, bool no_color_set) noexcept;

}  // namespace aviso::cli
