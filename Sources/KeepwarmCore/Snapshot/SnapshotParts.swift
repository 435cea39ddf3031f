import Foundation

/// A snapshot's sections past its header, read by two threads at once: each takes the next section not yet taken,
/// copies it into a buffer of its own, checks its checksum and reads it, the appointments and clients straight into
/// their places in two arrays. Only the bytes checked are read, and a thread's buffer is reused from section to
/// section: reading the whole file into fresh memory first cost a page fault per 4 KB before anything was read
/// (Docs/performance.md, "The snapshot, round four").
final class SnapshotParts: @unchecked Sendable {
    /// Where one section is and what it holds.
    struct Section {
        enum Kind { case rest, appointments, clients }
        let kind: Kind
        /// Its place in the file and its length.
        let at: Int, length: Int
        let checksum: UInt32
        /// How many records it holds, and the number of the first less one (its place in its array).
        let count: Int, first: Int
    }

    /// What reading one section gave.
    private enum Outcome {
        case rest(Practice, highestClient: Int)
        case appointments(SnapshotReader.AppointmentLinks)
        case clients(SnapshotReader.ClientLinks)
        case failed(SnapshotReader.Unreadable)
    }

    let sections: [Section]
    let seed: UInt64
    /// Copies `length` bytes at file offset `at` into the buffer; false when the file is shorter.
    private let fetch: (_ at: Int, _ into: UnsafeMutableRawBufferPointer) -> Bool
    private let appointmentCount: Int, clientCount: Int
    private let outcomes: UnsafeMutableBufferPointer<Outcome>
    private let lock = NSLock()
    private var next = 0

    init(sections: [Section], seed: UInt64, fetch: @escaping (Int, UnsafeMutableRawBufferPointer) -> Bool) {
        self.sections = sections
        self.seed = seed
        self.fetch = fetch
        appointmentCount = sections.reduce(0) { $0 + ($1.kind == .appointments ? $1.count : 0) }
        clientCount = sections.reduce(0) { $0 + ($1.kind == .clients ? $1.count : 0) }
        outcomes = .allocate(capacity: sections.count)
        outcomes.initialize(repeating: .failed(.init(why: "a section was not read")))
    }

    deinit {
        outcomes.deinitialize()
        outcomes.deallocate()
    }

    /// The practice the sections hold, every link checked; throws the first section's reason when any does not read,
    /// leaving nothing behind.
    func read() throws(SnapshotReader.Unreadable) -> Practice {
        guard sections.filter({ $0.kind == .rest }).count == 1 else { throw .init(why: "its sections are not all there") }
        var clients: [Client] = []
        // Room for the tail's and the session's new records: an array read exactly full was copied whole by the
        // first booking or new client after it. Room never written costs no memory.
        let appointments = try [Appointment](unsafeUninitializedCapacity: Self.withRoom(appointmentCount)) { (allA, madeA) throws(SnapshotReader.Unreadable) in
            let a = UnsafeMutableBufferPointer(rebasing: allA[0..<appointmentCount])
            clients = try [Client](unsafeUninitializedCapacity: Self.withRoom(clientCount)) { (allC, madeC) throws(SnapshotReader.Unreadable) in
                let c = UnsafeMutableBufferPointer(rebasing: allC[0..<clientCount])
                SnapshotReader.preferHugePages(a)
                SnapshotReader.preferHugePages(c)
                let other = Background { self.work(a, c) }
                work(a, c)
                other.wait()
                for k in sections.indices {
                    guard case .failed(let why) = outcomes[k] else { continue }
                    undo(a, c)
                    throw why
                }
                madeC = clientCount
            }
            madeA = appointmentCount
        }
        var practice: Practice?, highest = 0
        var linked = true
        for k in sections.indices {
            switch outcomes[k] {
            case .rest(let p, let h): practice = p; highest = h
            default: break
            }
        }
        guard var p = practice else { throw .init(why: "its sections are not all there") }
        for k in sections.indices {
            switch outcomes[k] {
            case .appointments(let l):
                linked = linked && l.fit(clients: clientCount, practitioners: p.practitioners.count, sites: p.sites.count)
            case .clients(let l):
                linked = linked && l.fit(clients: clientCount, appointments: appointmentCount, referrals: p.referrals.count)
            default: break
            }
        }
        guard linked, highest <= clientCount else { throw .init(why: "an id points at no record") }
        p.appointments = appointments
        p.clients = clients
        return p
    }

    /// A count with a sixteenth more room, and at least 64.
    static func withRoom(_ count: Int) -> Int { count + max(64, count / 16) }

    /// Undoes the records of every section that read (one that did not undid its own).
    private func undo(_ a: UnsafeMutableBufferPointer<Appointment>, _ c: UnsafeMutableBufferPointer<Client>) {
        for (k, s) in sections.enumerated() {
            switch outcomes[k] {
            case .appointments: _ = UnsafeMutableBufferPointer(rebasing: a[s.first..<(s.first + s.count)]).deinitialize()
            case .clients: _ = UnsafeMutableBufferPointer(rebasing: c[s.first..<(s.first + s.count)]).deinitialize()
            default: break
            }
        }
    }

    /// Takes sections until none is left, reading each through one buffer grown to the largest taken.
    private func work(_ a: UnsafeMutableBufferPointer<Appointment>, _ c: UnsafeMutableBufferPointer<Client>) {
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 16)
        defer { buffer.deallocate() }
        let strings = SnapshotStrings()
        var heap = ThreadHeap()
        while let k = take() {
            // Again for each section: the main heap grows past what was advised in new pieces, which need it anew.
            heap.preferHugePages()
            let s = sections[k]
            if buffer.count < s.length {
                buffer.deallocate()
                buffer = .allocate(byteCount: s.length, alignment: 16)
            }
            let bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<s.length])
            do throws(SnapshotReader.Unreadable) {
                guard fetch(s.at, bytes) else { throw .init(why: "it is cut short") }
                guard CRC32C.checksum(UnsafeRawBufferPointer(bytes), seed: seed) == s.checksum else {
                    throw .init(why: "its contents are damaged")
                }
                outcomes[k] = try read(s, UnsafeRawBufferPointer(bytes), strings, a, c)
            } catch {
                outcomes[k] = .failed(error)
            }
        }
    }

    private func read(_ s: Section, _ bytes: UnsafeRawBufferPointer, _ strings: SnapshotStrings,
                      _ a: UnsafeMutableBufferPointer<Appointment>,
                      _ c: UnsafeMutableBufferPointer<Client>) throws(SnapshotReader.Unreadable) -> Outcome {
        var r = SnapshotReader(bytes, strings: strings)
        switch s.kind {
        case .rest:
            let p = try r.practiceApartFromRecords()
            guard r.atEnd else { throw .init(why: "a section has bytes after its end") }
            return .rest(p, highestClient: try SnapshotReader.checkLinksApartFromRecords(p, appointments: appointmentCount))
        case .appointments:
            let into = UnsafeMutableBufferPointer(rebasing: a[s.first..<(s.first + s.count)])
            return .appointments(try SnapshotReader.appointments(&r, try r.count(), into: into, from: s.first + 1))
        case .clients:
            let into = UnsafeMutableBufferPointer(rebasing: c[s.first..<(s.first + s.count)])
            return .clients(try SnapshotReader.clients(&r, try r.count(), into: into, from: s.first + 1))
        }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < sections.count else { return nil }
        next += 1
        return next - 1
    }
}
