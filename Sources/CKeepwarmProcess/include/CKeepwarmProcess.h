#ifndef CKEEPWARMPROCESS_H
#define CKEEPWARMPROCESS_H

#include <stddef.h>

/// Asks the C library to grow the heap `bytes` at a time instead of a page or two at a time. Returns 1 when the
/// setting took, 0 where the C library has no such setting (anything but glibc), so the caller can say so.
///
/// Why: reading a snapshot allocates about 80 MB in 250,000 pieces on two threads. glibc grew the second thread's
/// heap with one mprotect per few pages (2,500 calls at 1M events), each taking the process's memory-map lock for
/// writing, and every page fault on the other thread waited for it (Docs/performance.md, "The snapshot, round five").
/// Growing in large steps only reserves address space: nothing is touched, so resident memory is the same.
int kw_grow_heap_in_steps(size_t bytes);

#endif
