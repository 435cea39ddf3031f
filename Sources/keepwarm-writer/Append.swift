import KeepwarmCore

/// `append`: adds `--count` events as fast as it can, printing `seq id wall-ms` for each one only after
/// `EventLog.append` returned, that is after `fdatasync`. Every event is a callback named "TAG i", except that with
/// `--referred-by` the last one is a client named TAG referred by that client, so a console shows a thank-you owed.
struct Append {
    let path: String
    let count: Int
    let tag: String
    let referrer: String?
    let clock: () -> Instant

    init(_ o: Options) throws {
        path = try o.text("log")
        count = try o.number("count")
        tag = try o.text("tag")
        referrer = o.optional("referred-by")
        clock = try o.clock()
    }

    func run() throws {
        guard count > 0 else { return }
        let log = try EventLog.open(path: path)
        var warned = 0
        for i in 1...count {
            let now = clock()
            let command: Command = i == count && referrer != nil
                ? .addClient(ClientDraft(name: tag, referredBy: referrer))
                : .addCallback(name: "\(tag) \(i)", phone: "07700 900000", reason: nil, by: now.adding(hours: 24))
            let e = try log.append(by: tag, at: now) { p in try command.event(in: p, now: now) }
            Output.line("\(e.seq) \(Append.id(of: e.body)) \(Output.wallMilliseconds)")
            // At once, not at exit: a torn tail set aside by this writer must be reported even if it is killed next.
            for w in log.warnings.dropFirst(warned) { Output.line("warning: \(w)", fd: 2) }
            warned = log.warnings.count
        }
    }

    static func id(of body: EventBody) -> String {
        switch body {
        case .callbackAdded(let id, _, _, _, _): id.description
        case .clientAdded(let c): c.id.description
        default: "?"
        }
    }
}
