/// The clients the latest events touched (directly or through an appointment), so a screen can redo just their rows
/// after a key press instead of looking at every client and appointment. Only the last few thousand are kept; a
/// question about changes further back gets nil, and the asker looks at everything.
public struct RecentChanges: Sendable {
    static let capacity = 4096
    private var seqs: [Int] = []
    private var clients: [ClientID] = []
    /// Where the next entry goes once the ring is full.
    private var next = 0
    /// The newest seq whose entry was overwritten: changes after it are all still here.
    private var forgottenUpTo = 0

    public init() {}

    mutating func note(_ client: ClientID, seq: Int) {
        if seqs.count < Self.capacity {
            seqs.append(seq)
            clients.append(client)
            return
        }
        forgottenUpTo = max(forgottenUpTo, seqs[next])
        seqs[next] = seq
        clients[next] = client
        next = (next + 1) % Self.capacity
    }

    /// The clients changed by events after `seq`, or nil when that reaches back past what is kept.
    public func clients(after seq: Int) -> Set<ClientID>? {
        guard seq >= forgottenUpTo else { return nil }
        var out = Set<ClientID>()
        for i in seqs.indices where seqs[i] > seq { out.insert(clients[i]) }
        return out
    }
}

extension RecentChanges {
    /// Everything it holds, for the snapshot (Snapshot/SnapshotPractice.swift); the parts stay private to everything else.
    var snapshotParts: (seqs: [Int], clients: [ClientID], next: Int, forgottenUpTo: Int) { (seqs, clients, next, forgottenUpTo) }

    /// Puts back what `snapshotParts` gave.
    init(snapshotParts p: (seqs: [Int], clients: [ClientID], next: Int, forgottenUpTo: Int)) {
        seqs = p.seqs
        clients = p.clients
        next = p.next
        forgottenUpTo = p.forgottenUpTo
    }
}
