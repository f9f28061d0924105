// Runs the watches of `aviso listen` and `aviso replay` concurrently on one client and turns
// their fate and the operator's interrupts into an exit code (surfaces.md 1.4, 1.7, 1.8):
//
// - every listener has its own watch; one that fails is reported (WARN cli.listener.failed)
//   and the others go on;
// - the run ends when every watch has ended (a replay reached its end, or every listener
//   failed), or on the first Ctrl+C / SIGTERM, which stops every watch and waits for each to
//   flush its cursor;
// - a second Ctrl+C within 5 s of the previous one exits 130 at once, without draining.
//
// Returns 0 when no listener failed, else 1.
#pragma once

#include <string>
#include <vector>

#include "aviso/client.hpp"
#include "aviso/watch.hpp"
#include "listener_spec.hpp"
#include "log.hpp"
#include "signal_pipe.hpp"

namespace aviso::cli {

struct PlannedListener {
  ListenerSpec spec;
  aviso::WatchRequest request;
};

// `signals` must have been created before anything that could take long (opening the state
// file, building the client), so an early Ctrl+C is not lost.
int run_listeners(aviso::Client& client, std::vector<PlannedListener> listeners,
                  SignalPipe& signals, Logger& logger);

}  // namespace aviso::cli
