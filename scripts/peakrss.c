/* Peak RSS for `make bench`: runs the command given on the command line and prints
 * its peak resident set size in KiB as the last line of standard error.
 *
 * The bench cannot take this from its own wait4(2): Linux records the memory of the
 * process that calls exec into the new program's peak, so every command the (large)
 * Python process starts would report at least Python's size. This helper is small. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: peakrss command [arg...]\n"); return 2; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) { execvp(argv[1], argv + 1); perror(argv[1]); _exit(127); }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) { perror("wait4"); return 1; }
    fprintf(stderr, "peak-rss-kib %ld\n", ru.ru_maxrss);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
