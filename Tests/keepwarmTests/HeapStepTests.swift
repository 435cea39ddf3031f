import CKeepwarmProcess
import Testing
@testable import keepwarm

/// `keepwarm` asks glibc to grow the heap in large steps (Sources/CKeepwarmProcess): a build where the setting is
/// compiled out (as it once was, by testing for glibc before any glibc header had said so) fails here.
@Suite struct HeapStepTests {
    @Test func theHeapStepTakesOnGlibc() {
        #if os(Linux)
        #expect(kw_grow_heap_in_steps(Keepwarm.heapStep) == 1, "the C library refused the heap step, or it was compiled out")
        #else
        #expect(kw_grow_heap_in_steps(Keepwarm.heapStep) == 0)
        #endif
    }
}
