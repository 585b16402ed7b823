/* glibc functions that Swift's Glibc module does not export: malloc tuning
   (mallopt and its parameters) and the CPU affinity mask. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
#include <sched.h>

/* The CPUs this process may run on, or 0 when the mask cannot be read. */
static inline int kustos_affinity_cpu_count(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
