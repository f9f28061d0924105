# The fast JSON reader (src/core/json_reader.cpp), held to nlohmann::json::parse.
aviso_add_fuzzer(json_reader aviso_core)
