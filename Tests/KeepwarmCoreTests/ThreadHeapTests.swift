import Foundation
import Testing
@testable import KeepwarmCore

/// A reading thread's heap asks the kernel for 2 MB pages (`ThreadHeap`): the kernel's own record of the memory,
/// /proc/self/smaps, shows the advice ("hg") on the mapping that holds the thread's next allocation.
@Suite struct ThreadHeapTests {
    /// The VmFlags of the mapping holding `address`, from /proc/self/smaps.
    static func flags(at address: Int) throws -> [String] {
        // Read to the end: the kernel says the file has no size, so a read sized by it would see nothing.
        let file = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? file.close() }
        let smaps = String(decoding: try #require(try file.readToEnd()), as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), fields.count >= 5,
               let lo = Int(range.split(separator: "-")[0], radix: 16),
               let hi = Int(range.split(separator: "-")[1], radix: 16) {
                inside = (lo..<hi).contains(address)
            } else if inside, line.hasPrefix("VmFlags:") {
                return fields.dropFirst().map(String.init)
            }
        }
        Issue.record("no mapping in /proc/self/smaps holds \(String(address, radix: 16))")
        return []
    }

    /// Advises this thread's heap, then returns the flags of the mapping its next small allocation lands in.
    static func adviseAndLook() throws -> [String] {
        var heap = ThreadHeap()
        heap.preferHugePages()
        let p = malloc(64)!
        defer { free(p) }
        return try flags(at: Int(bitPattern: p))
    }

    #if os(Linux)
    @Test func theTestThreadsHeapAsks() throws {
        let flags = try Self.adviseAndLook()
        #expect(flags.contains("hg"), "flags \(flags)")
    }

    @Test func aFreshThreadsHeapAsks() throws {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var seen: Result<[String], any Error> = .success([])
        Thread {
            seen = Result { try Self.adviseAndLook() }
            done.signal()
        }.start()
        done.wait()
        #expect(try seen.get().contains("hg"))
    }

    /// Asking again, with nothing grown, makes no second system call; the advice stays.
    @Test func askingTwiceIsHarmless() throws {
        var heap = ThreadHeap()
        heap.preferHugePages()
        heap.preferHugePages()
        let p = malloc(64)!
        defer { free(p) }
        #expect(try Self.flags(at: Int(bitPattern: p)).contains("hg"))
    }
    #endif
}
