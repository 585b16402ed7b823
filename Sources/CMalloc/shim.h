/* glibc's malloc tuning (mallopt and its parameters), which Glibc does not export. */
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
