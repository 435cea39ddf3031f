#if canImport(Glibc)
import Glibc
#endif

/// The heap the calling thread allocates from, asked to use the kernel's 2 MB pages where the kernel gives them only
/// to memory that asks (its setting "madvise", Debian's default).
///
/// Why: reading a 1M-event snapshot makes about 150,000 small allocations (clients' lists and texts) on two threads,
/// and touching that fresh memory a 4 KB page at a time cost 10,000 page faults and the TLB misses after them. The
/// large arrays already ask (`SnapshotReader.preferHugePages`); this asks for the rest (Docs/performance.md, "The
/// snapshot, round six"). glibc does the same when started with GLIBC_TUNABLES=glibc.malloc.hugetlb=1, but that is
/// read before any code runs, and restarting the program to set it cost 10 ms on every command.
///
/// One value per thread, kept while it reads: it remembers what it advised, so asking again costs a small
/// allocation and no system call until the heap has grown.
struct ThreadHeap {
    /// glibc's thread heaps are reserved 64 MB at a time on a 64 MB boundary (its `HEAP_MAX_SIZE` on 64-bit), so the
    /// heap holding any small allocation of a thread's own is the 64 MB around it.
    static let threadHeapBytes = 64 << 20

    /// The main heap's top when last advised, and the thread heap last advised.
    private var mainTop = 0, threadHeap = -1

    /// Advises the heap of a small allocation made now: the main heap (grown by brk) from its page to its top, which
    /// glibc keeps 32 MB ahead (`Keepwarm.heapStep`); a thread's heap whole. A no-op anywhere but glibc on Linux.
    /// Advice only: nothing is touched or moved.
    mutating func preferHugePages() {
        #if os(Linux) && canImport(Glibc)
        guard let probe = malloc(64) else { return }
        defer { free(probe) }
        let at = Int(bitPattern: probe)
        guard let brk = sbrk(0) else { return }
        let top = Int(bitPattern: brk)
        if at < top {
            guard top != mainTop else { return }
            mainTop = top
            // From the start of the allocation's own page: unlike giving memory back, this advice is safe for bytes
            // still in use, and a thread sharing the main heap takes its next allocations from there.
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            SnapshotReader.advise(from: at / page * page, to: top, MADV_HUGEPAGE)
        } else {
            let heap = at & ~(Self.threadHeapBytes - 1)
            guard heap != threadHeap else { return }
            threadHeap = heap
            SnapshotReader.advise(from: heap, to: heap + Self.threadHeapBytes, MADV_HUGEPAGE)
        }
        #endif
    }
}
