/* The parse floor for `make bench`: read every file given on the command line and
 * run libyaml's event parser over it, discarding the events. Prints the event count. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 1; }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        unsigned char *buf = malloc(n + 1);
        if (fread(buf, 1, n, f) != (size_t)n) { perror(argv[i]); return 1; }
        fclose(f);
        yaml_parser_t p;
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, buf, n);
        yaml_event_t e;
        for (;;) {
            if (!yaml_parser_parse(&p, &e)) break;
            int done = e.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&e);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&p);
        free(buf);
    }
    printf("%ld\n", events);
    return 0;
}
