// The process exit codes of `aviso` (surfaces.md 1.7). Scripts branch on these numbers, so they
// are part of the interface.
#pragma once

namespace aviso::cli {

inline constexpr int kExitSuccess = 0;
// HTTP 4xx/5xx, network, file I/O, a failed listener, logging/runtime initialisation.
inline constexpr int kExitRuntimeError = 1;
// Bad arguments or flags, admin without --yes, no listeners, bad --from/--until/--identifier.
inline constexpr int kExitUsageError = 2;
// A second Ctrl+C within 5 s during listen/replay: 128 + SIGINT, no drain.
inline constexpr int kExitHardInterrupt = 130;

}  // namespace aviso::cli
