/* compact: the program's entry point; everything is in the command table of cli/. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
