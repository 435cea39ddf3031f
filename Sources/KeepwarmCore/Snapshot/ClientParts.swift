import Foundation

/// The clients' sections of a snapshot, read by two threads at once straight into one array: each thread takes the
/// next part not yet taken, so the faster one (the calling thread, on the main heap) reads more and both end together.
/// Reading into one array spares gluing parts together, which copied every client (a retain per field).
final class ClientParts: @unchecked Sendable {
    private var readers: [SnapshotReader] = []
    private var counts: [Int] = []
    private var starts: [Int] = []
    /// Each part's outcome, written by whichever thread read it: a buffer, not an array, since two threads writing
    /// elements of one array is two modifications of the array, which Swift forbids.
    private let outcomes: UnsafeMutableBufferPointer<Result<SnapshotReader.ClientLinks, SnapshotReader.Unreadable>>
    private let lock = NSLock()
    private var next = 0
    let total: Int

    /// Steps over the parts in `r`, reading each one's count.
    init(_ r: inout SnapshotReader) throws(SnapshotReader.Unreadable) {
        let n = try r.count()
        guard n <= 4 * SnapshotWriter.clientParts else { throw .init(why: "a count is out of range") }
        var total = 0
        for _ in 0..<n {
            var part = SnapshotReader(try r.section(), mapped: r.mapped)
            let count = try part.count()
            readers.append(part)
            counts.append(count)
            starts.append(total)
            total += count
        }
        self.total = total
        outcomes = .allocate(capacity: n)
        outcomes.initialize(repeating: .failure(.init(why: "a part was not read")))
    }

    deinit {
        outcomes.deinitialize()
        outcomes.deallocate()
    }

    /// What each part links to, for `SnapshotReader.ClientLinks.fit`, once `read` has returned.
    var links: [SnapshotReader.ClientLinks] { outcomes.compactMap { try? $0.get() } }

    /// Every client, in order; throws the first part's reason when any part does not read, leaving nothing behind.
    func read() throws(SnapshotReader.Unreadable) -> [Client] {
        try [Client](unsafeUninitializedCapacity: total) { (buffer, made) throws(SnapshotReader.Unreadable) in
            let all = buffer
            SnapshotReader.preferHugePages(all)
            let other = Background { self.work(all) }
            work(all)
            other.wait()
            for case .failure(let failed) in outcomes {
                // A part that did not read undid its own clients; the ones that did are undone here.
                for k in readers.indices { if case .success = outcomes[k] { _ = part(k, of: all).deinitialize() } }
                throw failed
            }
            made = total
        }
    }

    /// Takes parts until none is left.
    private func work(_ all: UnsafeMutableBufferPointer<Client>) {
        while let k = take() {
            var reader = readers[k]
            let into = part(k, of: all)
            do throws(SnapshotReader.Unreadable) {
                outcomes[k] = .success(try SnapshotReader.clients(&reader, counts[k], into: into, from: starts[k] + 1))
            } catch {
                outcomes[k] = .failure(error)
            }
        }
    }

    private func part(_ k: Int, of all: UnsafeMutableBufferPointer<Client>) -> UnsafeMutableBufferPointer<Client> {
        UnsafeMutableBufferPointer(rebasing: all[starts[k]..<(starts[k] + counts[k])])
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < readers.count else { return nil }
        next += 1
        return next - 1
    }
}
