// Resume state: keys, checkpoints and the stores that keep them. Public header: C++17.
#pragma once

#include "aviso/state/checkpoint.hpp"
#include "aviso/state/json_file_store.hpp"
#include "aviso/state/memory_store.hpp"
#include "aviso/state/resume_key.hpp"
#include "aviso/state/state_store.hpp"
#include "aviso/state/store_error.hpp"
