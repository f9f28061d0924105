# State layer: the state file loader (decode, validation, encode round trip).
aviso_add_fuzzer(state_file aviso_state)
aviso_target_options(fuzz_state_file)
