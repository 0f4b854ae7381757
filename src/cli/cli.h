/* The commands of cli/, for the command table in main.c: `compact <command> [options]`. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

/* Each runs with argv[0] its path ("compact init") and returns the exit code (base/opt.h). */
int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_library(int argc, char **argv);
/* register */
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_recheck(int argc, char **argv);
int cmd_complaints(int argc, char **argv);
/* search (cmd_search.c) */
int cmd_search(int argc, char **argv);
/* coverage */
int cmd_coverage(int argc, char **argv);
int cmd_signups(int argc, char **argv);
/* open data */
int cmd_indicators(int argc, char **argv);
int cmd_survey(int argc, char **argv);

#endif
