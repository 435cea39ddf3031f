import Dispatch
import Foundation
import KeepwarmCore

/// One row of a clients file as read on its own, before it meets the rest of the file: the row, the keys the
/// duplicate rule compares, and the hash of its values for its fingerprint (`ImportedRow`).
struct ReadRow {
    var read: ClientRow
    let keys: RowKeys
    let values: UInt64
}

/// Reads a clients file's rows a stretch per core at a time. Reading a row (its names, consent, dates and keys)
/// depends on nothing but the row, and was most of a 200,000-row import on one core; what depends on earlier rows
/// (ids, duplicates, referrals) is then done in file order by `ClientImport.plan`. A stretch at a time, so only a few
/// thousand read rows are held at once.
struct ClientRowReader: Sendable {
    let map: ColumnMap
    let header: [String]
    let file: String
    let calendar: PracticeCalendar
    let today: Int
    let order: DateOrder?
    let rule: Ownership
    /// Rows one core reads at a time.
    static let stretch = 2048

    /// One row read, or why it is rejected. Its client's id is a stand-in: the plan gives it the next free one.
    func read(_ row: CSVRow) -> Result<ReadRow, CommandError> {
        do throws(CommandError) {
            let r = try ClientRow.read(row, map, header: header, file: file, id: ClientID(1), calendar: calendar, today: today, order: order)
            let keys = RowKeys(r.client, rule: rule)
            return .success(ReadRow(read: r, keys: keys, values: ImportedRow.hashing(ImportedRow.values(r.client, keys))))
        } catch {
            return .failure(error)
        }
    }

    /// Calls `each` with every row and its reading, in file order.
    func forEach(_ rows: [CSVRow], _ each: (CSVRow, Result<ReadRow, CommandError>) -> Void) {
        let cores = rows.count > Self.stretch ? max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) : 1
        guard cores > 1 else {
            for r in rows { each(r, read(r)) }
            return
        }
        let wave = Self.stretch * cores
        let slots = ReadSlots(wave)
        var start = 0
        while start < rows.count {
            let first = start, end = min(start + wave, rows.count)
            DispatchQueue.concurrentPerform(iterations: cores) { k in
                let lo = first + k * Self.stretch, hi = min(lo + Self.stretch, end)
                guard lo < hi else { return }
                for i in lo..<hi { slots.put(read(rows[i]), at: i - first) }
            }
            for i in first..<end { each(rows[i], slots.take(i - first)) }
            start = end
        }
    }
}

/// A wave's readings, each slot written by the one core that read its row and taken after all have finished.
private final class ReadSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<ReadRow, CommandError>?>

    init(_ n: Int) {
        slots = .allocate(capacity: n)
        slots.initialize(repeating: nil)
    }

    deinit { slots.deinitialize().deallocate() }

    func put(_ r: Result<ReadRow, CommandError>, at i: Int) { slots[i] = r }

    func take(_ i: Int) -> Result<ReadRow, CommandError> {
        defer { slots[i] = nil }
        return slots[i]!
    }
}
