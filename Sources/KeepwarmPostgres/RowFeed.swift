import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The rows of one catching-up query (rewrites, seq, line), handed from the connection's event loop to the reading
/// thread in batches as they arrive. The desk applies one batch while the next is received and parsed, one on each
/// core, instead of waiting for every row of a large practice first (`PostgresQueryResult` holds them all).
final class RowFeed: @unchecked Sendable {
    /// Consecutive rows' lines packed into one buffer: one allocation per batch rather than one per line.
    struct Batch {
        var seqs: [Int64] = []
        /// Where each line ends in `bytes`; it starts where the one before ended.
        var ends: [Int] = []
        var bytes: [UInt8] = []

        /// Calls `body` with each row's seq and line, in order.
        func forEach(_ body: (Int64, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            try bytes.withUnsafeBufferPointer { all in
                var start = 0
                for (i, end) in ends.enumerated() {
                    try body(seqs[i], UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Rows a batch holds: large enough that handing over costs nothing, small enough that applying starts at once.
    static let batchRows = 2_048

    private let condition = NSCondition()
    private var ready: [Batch] = []
    private var taken = 0
    private var filling = Batch()
    private var ended: Result<Void, any Error>?
    private var abandoned = false
    private var sawFirst = false
    /// The practice's rewrite count, from the first row (nil while none came, or when the practice has no row).
    private(set) var rewrites: Int64?

    private static let logger = Logger(label: "keepwarm.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Sends `query` (whose rows are rewrites, seq, line) on `s` and starts collecting its rows.
    static func start(_ s: PostgresSession, _ query: PostgresQuery) -> RowFeed {
        let feed = RowFeed()
        s.connection.query(query, logger: logger) { row in try feed.add(row) }
            .whenComplete { feed.end($0.map { _ in () }) }
        return feed
    }

    /// The next batch, in order; nil once every row came; throws the query's error.
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while taken == ready.count && ended == nil { condition.wait() }
        if taken < ready.count {
            let batch = ready[taken]
            ready[taken] = Batch()
            taken += 1
            return batch
        }
        try ended!.get()
        return nil
    }

    /// Stops keeping rows: the query runs to its end on the connection, its rows dropped as they come.
    func abandon() {
        condition.lock()
        abandoned = true
        ready = []
        taken = 0
        condition.unlock()
    }

    /// On the event loop: one row into the batch being filled, handed over when full.
    private func add(_ row: PostgresRow) throws {
        var cells = row.makeIterator()
        guard let count = cells.next(), let seq = cells.next(), let line = cells.next() else { return }
        if !sawFirst {
            sawFirst = true
            let r = try count.decode(Int64?.self)
            condition.lock(); rewrites = r; condition.unlock()
        }
        filling.seqs.append(try seq.decode(Int64.self))
        if let bytes = line.bytes { filling.bytes.append(contentsOf: bytes.readableBytesView) }
        filling.ends.append(filling.bytes.count)
        if filling.seqs.count >= Self.batchRows { handOver() }
    }

    private func handOver() {
        let batch = filling
        filling = Batch()
        filling.seqs.reserveCapacity(Self.batchRows)
        filling.ends.reserveCapacity(Self.batchRows)
        filling.bytes.reserveCapacity(batch.bytes.count)
        condition.lock()
        if !abandoned { ready.append(batch) }
        condition.signal()
        condition.unlock()
    }

    private func end(_ result: Result<Void, any Error>) {
        if !filling.seqs.isEmpty { handOver() }
        condition.lock()
        ended = result
        condition.signal()
        condition.unlock()
    }
}
