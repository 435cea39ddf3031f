#include "CKeepwarmCRC.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>

int kw_crc32c_available(void) {
    // __builtin_cpu_supports reads flags the runtime fills in once at load time, so it is cheap and thread-safe.
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

#if defined(__x86_64__)
// Multiplies two polynomials modulo CRC-32C's (bit-reflected, as the register holds them): Mark Adler's multmodp.
static uint32_t kw_multmodp(uint32_t a, uint32_t b) {
    uint32_t m = (uint32_t)1 << 31, p = 0;
    for (;;) {
        if (a & m) {
            p ^= b;
            if ((a & (m - 1)) == 0) break;
        }
        m >>= 1;
        b = (b & 1) ? (b >> 1) ^ 0x82F63B78u : b >> 1;
    }
    return p;
}

// x^(8n) modulo the polynomial: multiplying a register by it is what running it over n zero bytes does.
static uint32_t kw_shift_by_bytes(size_t n) {
    uint32_t square = (uint32_t)1 << 30, power = (uint32_t)1 << 31;  // x^1, and x^0
    size_t bits = n << 3;
    while (bits) {
        if (bits & 1) power = kw_multmodp(square, power);
        square = kw_multmodp(square, square);
        bits >>= 1;
    }
    return power;
}

// One stream's crc32 waits for the last one's result (3 cycles), so a long stretch runs three streams over its three
// thirds at once and joins them: the register is linear, so crc(A B) = crc(A) * x^(8|B|) + crc over B from zero.
// About 3 times the single stream's speed on the prefix checksum, the only caller with megabytes at a time.
#define KW_CRC_STRIDE 8192
__attribute__((target("sse4.2")))
static uint64_t kw_crc32c_three(uint64_t c0, const unsigned char **at, size_t *left) {
    static const size_t block = 3 * KW_CRC_STRIDE;
    if (*left < block) return c0;
    uint32_t shift = kw_shift_by_bytes(KW_CRC_STRIDE);
    const unsigned char *p = *at;
    while (*left >= block) {
        uint64_t c1 = 0, c2 = 0;
        for (size_t i = 0; i < KW_CRC_STRIDE; i += 8) {
            uint64_t w0, w1, w2;
            memcpy(&w0, p + i, 8);
            memcpy(&w1, p + KW_CRC_STRIDE + i, 8);
            memcpy(&w2, p + 2 * KW_CRC_STRIDE + i, 8);
            c0 = _mm_crc32_u64(c0, w0);
            c1 = _mm_crc32_u64(c1, w1);
            c2 = _mm_crc32_u64(c2, w2);
        }
        uint32_t joined = kw_multmodp(shift, (uint32_t)c0) ^ (uint32_t)c1;
        c0 = kw_multmodp(shift, joined) ^ (uint32_t)c2;
        p += block;
        *left -= block;
    }
    *at = p;
    return c0;
}
#endif

// The attribute, not a -msse4.2 flag: package flags would need unsafeFlags, which SwiftPM refuses in dependencies,
// and the rest of the binary must still run on CPUs without SSE4.2.
__attribute__((target("sse4.2")))
uint32_t kw_crc32c_update(uint32_t crc, const void *data, size_t n) {
    const unsigned char *p = data;
#if defined(__x86_64__)
    uint64_t c = kw_crc32c_three(crc, &p, &n);
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

#if defined(__x86_64__) && defined(__linux__)
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

// Set only while this thread reads a mapped window: a SIGBUS then means the file was cut short under it.
static __thread sigjmp_buf *kw_window_escape;
static struct sigaction kw_earlier_bus;
static pthread_once_t kw_bus_once = PTHREAD_ONCE_INIT;

static void kw_on_bus(int signal, siginfo_t *info, void *context) {
    if (kw_window_escape) siglongjmp(*kw_window_escape, 1);
    // Not a window of ours: whatever handled SIGBUS before (the Swift runtime's crash report, or the default) does.
    if (kw_earlier_bus.sa_flags & SA_SIGINFO) {
        kw_earlier_bus.sa_sigaction(signal, info, context);
    } else if (kw_earlier_bus.sa_handler != SIG_IGN && kw_earlier_bus.sa_handler != SIG_DFL) {
        kw_earlier_bus.sa_handler(signal);
    } else {
        sigaction(SIGBUS, &kw_earlier_bus, NULL);
        raise(SIGBUS);
    }
}

static void kw_install_bus(void) {
    struct sigaction on_bus;
    memset(&on_bus, 0, sizeof on_bus);
    on_bus.sa_sigaction = kw_on_bus;
    on_bus.sa_flags = SA_SIGINFO;
    sigemptyset(&on_bus.sa_mask);
    sigaction(SIGBUS, &on_bus, &kw_earlier_bus);
}

int kw_crc32c_file(int fd, uint64_t from, uint64_t to, uint32_t *crc) {
    if (!kw_crc32c_available()) return -1;
    pthread_once(&kw_bus_once, kw_install_bus);
    // Small enough that the mapped window adds little to the process's peak memory, large enough that mapping and
    // unmapping (and the other core's TLB flush each unmapping sends) cost nothing beside the sum.
    const uint64_t window = (uint64_t)4 << 20;
    const uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    uint32_t sum = *crc;
    uint64_t at = from;
    while (at < to) {
        uint64_t start = at / page * page;
        uint64_t length = (to - start < window ? to - start : window);
        void *volatile mapped = mmap(NULL, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, (off_t)start);
        if (mapped == MAP_FAILED) return -1;
        sigjmp_buf escape;
        if (sigsetjmp(escape, 1)) {
            kw_window_escape = NULL;
            munmap(mapped, length);
            return -1;
        }
        kw_window_escape = &escape;
        sum = kw_crc32c_update(sum, (const unsigned char *)mapped + (at - start), length - (at - start));
        kw_window_escape = NULL;
        munmap(mapped, length);
        at = start + length;
    }
    *crc = sum;
    return 0;
}

#else

int kw_crc32c_file(int fd, uint64_t from, uint64_t to, uint32_t *crc) {
    (void)fd;
    (void)from;
    (void)to;
    (void)crc;
    return -1;
}

#endif
