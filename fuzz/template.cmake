# Template parser, renderer (all contexts) and shell tracker.
aviso_add_fuzzer(template aviso_template)
