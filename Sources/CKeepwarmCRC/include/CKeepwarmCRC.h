#ifndef CKEEPWARMCRC_H
#define CKEEPWARMCRC_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SSE4.2 crc32 instruction, else 0 (always 0 off x86).
int kw_crc32c_available(void);

/// Folds the `n` bytes at `data` into a CRC-32C register. The caller starts it at 0xFFFFFFFF and inverts the result,
/// as the portable Swift code does. Call only when kw_crc32c_available() returned 1.
uint32_t kw_crc32c_update(uint32_t crc, const void *data, size_t n);

/// Continues the register `*crc` over bytes `from..<to` of the open file `fd`, read through the page cache in mapped
/// windows rather than copied out of it (a copy was half the cost). Returns 0, or -1 with `*crc` unchanged when the
/// hardware instruction is missing, the file cannot be mapped, or it is shorter than `to` (even when cut short while
/// being read: the SIGBUS that would bring is caught for this thread's window only). The caller then reads another way.
int kw_crc32c_file(int fd, uint64_t from, uint64_t to, uint32_t *crc);

#endif
