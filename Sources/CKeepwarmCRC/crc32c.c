#include "CKeepwarmCRC.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>

int kw_crc32c_available(void) {
    // __builtin_cpu_supports reads flags the runtime fills in once at load time, so it is cheap and thread-safe.
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

// The attribute, not a -msse4.2 flag: package flags would need unsafeFlags, which SwiftPM refuses in dependencies,
// and the rest of the binary must still run on CPUs without SSE4.2.
__attribute__((target("sse4.2")))
uint32_t kw_crc32c_update(uint32_t crc, const void *data, size_t n) {
    const unsigned char *p = data;
#if defined(__x86_64__)
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);  // log lines sit at any offset in the read buffer; memcpy is the defined unaligned load
        c = _mm_crc32_u64(c, w);
        p += 8;
        n -= 8;
    }
    crc = (uint32_t)c;
#endif
    // Each crc32 costs its latency whatever its width, so the tail (up to 7 bytes of every line) takes the widest steps.
    while (n >= 4) {
        uint32_t w;
        memcpy(&w, p, 4);
        crc = _mm_crc32_u32(crc, w);
        p += 4;
        n -= 4;
    }
    if (n >= 2) {
        uint16_t w;
        memcpy(&w, p, 2);
        crc = _mm_crc32_u16(crc, w);
        p += 2;
        n -= 2;
    }
    while (n > 0) {
        crc = _mm_crc32_u8(crc, *p);
        p++;
        n--;
    }
    return crc;
}

#else

int kw_crc32c_available(void) { return 0; }

uint32_t kw_crc32c_update(uint32_t crc, const void *data, size_t n) {
    (void)data;
    (void)n;
    return crc;  // unreachable: callers check kw_crc32c_available() first
}

#endif
