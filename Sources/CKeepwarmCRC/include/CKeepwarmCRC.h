#ifndef CKEEPWARMCRC_H
#define CKEEPWARMCRC_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SSE4.2 crc32 instruction, else 0 (always 0 off x86).
int kw_crc32c_available(void);

/// Folds the `n` bytes at `data` into a CRC-32C register. The caller starts it at 0xFFFFFFFF and inverts the result,
/// as the portable Swift code does. Call only when kw_crc32c_available() returned 1.
uint32_t kw_crc32c_update(uint32_t crc, const void *data, size_t n);

#endif
