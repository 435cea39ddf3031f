import Foundation
import KeepwarmStoreConformance
import Testing
@testable import KeepwarmCore

/// The file log on a temporary folder: a new practice as `keepwarm init` makes one; another desk opens the same path.
struct FileStoreMaker: StoreMaker {
    var description: String { "file log" }
    let folder: String

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kw-store-\(UUID().uuidString)").path
    }

    func newPractice() throws -> any EventStore {
        try EventLog.create(path: folder + "/\(UUID().uuidString)/events.log", settings: SettingsChange(name: "Conformance"),
                            by: "init", at: StoreConformance.start)
    }

    func anotherDesk(on store: any EventStore) throws -> any EventStore {
        try EventLog.open(path: store.location)
    }
}

/// Memory: another desk is another `MemoryEventStore` over the same history.
struct MemoryStoreMaker: StoreMaker {
    var description: String { "memory" }

    func newPractice() throws -> any EventStore {
        MemoryEventStore.create(settings: SettingsChange(name: "Conformance"), by: "init", at: StoreConformance.start)
    }

    func anotherDesk(on store: any EventStore) throws -> any EventStore {
        MemoryEventStore((store as! MemoryEventStore).history)
    }
}

/// The store contract (Docs/architecture.md, "The store") held by the file log and the memory store alike; the
/// PostgreSQL store runs the same checks in KeepwarmPostgresTests.
@Suite struct EventStoreConformanceTests {
    static let makers: [any StoreMaker] = [FileStoreMaker(), MemoryStoreMaker()]

    @Test(arguments: makers) func appendsAreNumberedAndApplied(_ m: any StoreMaker) throws {
        try StoreConformance.appendsAreNumberedAndApplied(m)
    }

    @Test(arguments: makers) func anotherDesksAppendIsSeen(_ m: any StoreMaker) throws {
        try StoreConformance.anotherDesksAppendIsSeen(m)
    }

    @Test(arguments: makers) func appendsAreCheckedAgainstTheFreshState(_ m: any StoreMaker) throws {
        try StoreConformance.appendsAreCheckedAgainstTheFreshState(m)
    }

    @Test(arguments: makers) func aBatchIsAllOrNone(_ m: any StoreMaker) throws {
        try StoreConformance.aBatchIsAllOrNone(m)
    }

    @Test(arguments: makers) func desksAppendingAtOnceMakeOneOrder(_ m: any StoreMaker) throws {
        try StoreConformance.desksAppendingAtOnceMakeOneOrder(m)
    }

    @Test(arguments: makers) func aLookBackStopsAtItsInstant(_ m: any StoreMaker) throws {
        try StoreConformance.aLookBackStopsAtItsInstant(m)
    }

    @Test(arguments: makers) func itsLinesAreAPlainTextLog(_ m: any StoreMaker) throws {
        let dir = TempDir()
        try StoreConformance.itsLinesAreAPlainTextLog(m, scratch: dir.path)
    }

    @Test(arguments: makers) func anErasureLeavesNoTraceOnAnyDesk(_ m: any StoreMaker) throws {
        try StoreConformance.anErasureLeavesNoTraceOnAnyDesk(m)
    }

    @Test(arguments: makers) func undoTakesBackTheLastActionOnEveryDesk(_ m: any StoreMaker) throws {
        try StoreConformance.undoTakesBackTheLastActionOnEveryDesk(m)
    }
}
