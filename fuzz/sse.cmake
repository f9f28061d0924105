# The sans-IO SSE parser (src/sse/).
aviso_add_fuzzer(sse_parser aviso_sse)
