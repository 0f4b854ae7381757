/* The command line: `compact <command> [options]`, dispatched from a table (after git.c). */
#ifndef CLI_CLI_H
#define CLI_CLI_H

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Run the command named in argv; returns the exit code. */
int cli_main(int argc, char **argv);

#endif
