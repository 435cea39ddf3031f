#include "CKeepwarmProcess.h"

// features.h defines __GLIBC__; it is glibc's own header, so only asked for on Linux (musl has a stand-in).
#if defined(__linux__)
#include <features.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int kw_grow_heap_in_steps(size_t bytes) {
#if defined(__GLIBC__)
    return mallopt(M_TOP_PAD, (int)bytes) == 1 ? 1 : 0;
#else
    (void)bytes;
    return 0;
#endif
}
