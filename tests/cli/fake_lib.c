/* fake_lib.c - a shared object named like libcurl that has none of its
 * functions: test_cli.sh puts it first on LD_LIBRARY_PATH to check that a
 * library presscut loads when needed (src/core/dl.c), when it is unusable,
 * gives a one-line error and status 5, and only for the commands that
 * need it. */
int pc_fake_lib_marker;
