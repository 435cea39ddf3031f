import Foundation
import KeepwarmCore
import KeepwarmStoreConformance
import Testing
@testable import KeepwarmPostgres

/// PostgreSQL for the conformance suite: each new practice is a new database in the test cluster; another desk is
/// another connection opened from the store's location.
struct PostgresStoreMaker: StoreMaker {
    var description: String { "postgresql" }

    func newPractice() throws -> any EventStore {
        try PostgresEventStore.create(url: try PostgresCluster.shared().newDatabase(), environment: [:],
                                      settings: SettingsChange(name: "Conformance"), by: "init", at: StoreConformance.start)
    }

    func anotherDesk(on store: any EventStore) throws -> any EventStore {
        try PostgresEventStore.open(url: store.location, environment: [:])
    }
}

/// The store contract (Docs/architecture.md, "The store") held by PostgreSQL, checked exactly as the file log and
/// the memory store are in KeepwarmCoreTests.
@Suite struct PostgresConformanceTests {
    let m = PostgresStoreMaker()

    @Test func appendsAreNumberedAndApplied() throws {
        try StoreConformance.appendsAreNumberedAndApplied(m)
    }

    @Test func anotherDesksAppendIsSeen() throws {
        try StoreConformance.anotherDesksAppendIsSeen(m)
    }

    @Test func appendsAreCheckedAgainstTheFreshState() throws {
        try StoreConformance.appendsAreCheckedAgainstTheFreshState(m)
    }

    @Test func aBatchIsAllOrNone() throws {
        try StoreConformance.aBatchIsAllOrNone(m)
    }

    @Test func desksAppendingAtOnceMakeOneOrder() throws {
        try StoreConformance.desksAppendingAtOnceMakeOneOrder(m)
    }

    /// The figure: 4 desks × 500 appends, each desk its own connection, 2,000 events in one order.
    @Test func fourDesksOfFiveHundredAppendsMakeOneOrder() throws {
        try StoreConformance.desksAppendingAtOnceMakeOneOrder(m, desks: 4, each: 500)
    }

    @Test func aLookBackStopsAtItsInstant() throws {
        try StoreConformance.aLookBackStopsAtItsInstant(m)
    }

    @Test func itsLinesAreAPlainTextLog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-pgl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try StoreConformance.itsLinesAreAPlainTextLog(m, scratch: dir)
    }

    @Test func anErasureLeavesNoTraceOnAnyDesk() throws {
        try StoreConformance.anErasureLeavesNoTraceOnAnyDesk(m)
    }

    @Test func undoTakesBackTheLastActionOnEveryDesk() throws {
        try StoreConformance.undoTakesBackTheLastActionOnEveryDesk(m)
    }
}
