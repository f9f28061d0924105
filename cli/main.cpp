// The `aviso` executable: everything lives in aviso_cli_lib behind one entry point.
#include "run.hpp"

int main(int argc, char** argv) { return aviso::cli::run(argc, argv); }
