import Foundation
import Testing
@testable import KeepwarmCore

/// Reading who holds the writers' lock from `/proc/locks` lines.
@Suite struct LockHolderTests {
    @Test func aGrantedFlockOnTheLogsInodeNamesItsProcess() {
        #expect(LockHolder.holder(in: "1: FLOCK  ADVISORY  WRITE 4242 08:02:1234567 0 EOF", inode: 1_234_567) == 4242)
        #expect(LockHolder.holder(in: "12: FLOCK  ADVISORY  WRITE 7 00:2d:99 0 EOF", inode: 99) == 7)
    }

    @Test func waitersOtherFilesAndOtherKindsOfLockAreNotTheHolder() {
        #expect(LockHolder.holder(in: "1: -> FLOCK  ADVISORY  WRITE 4243 08:02:1234567 0 EOF", inode: 1_234_567) == nil)
        #expect(LockHolder.holder(in: "2: FLOCK  ADVISORY  WRITE 4242 08:02:7654321 0 EOF", inode: 1_234_567) == nil)
        #expect(LockHolder.holder(in: "3: POSIX  ADVISORY  WRITE 4242 08:02:1234567 0 EOF", inode: 1_234_567) == nil)
        #expect(LockHolder.holder(in: "4: FLOCK  ADVISORY  READ 4242 08:02:1234567 0 EOF", inode: 1_234_567) == nil)
        #expect(LockHolder.holder(in: "", inode: 1) == nil)
    }

    @Test func theCommandShowsOnlyCommandWordsNeverArguments() throws {
        // This test process: its arguments are options and paths, so only the program's name is shown.
        let me = LockHolder.command(of: getpid())
        #expect(!me.isEmpty && !me.contains("/") && !me.contains("--"), "\(me)")
    }
}
