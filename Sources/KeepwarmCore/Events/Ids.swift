/// The letters that begin one kind of id in the log and on the command line (`c12`, `a301`).
public protocol IDKind: Sendable {
    static var prefix: String { get }
    static var noun: String { get }
}

/// A typed id: a positive number with a kind, written `<prefix><number>`; numbers are handed out in order.
public struct ID<Kind: IDKind>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int
    public init(_ number: Int) { self.number = number }

    /// Index into the practice's dense array of this kind.
    public var index: Int { number - 1 }
    public var description: String { Kind.prefix + String(number) }
    public static func < (a: ID, b: ID) -> Bool { a.number < b.number }

    /// Reads `c12`; nil for anything else.
    public init?(text: String) {
        guard text.hasPrefix(Kind.prefix), let n = Int(text.dropFirst(Kind.prefix.count)), n > 0,
              text.dropFirst(Kind.prefix.count).allSatisfy(\.isASCII) else { return nil }
        number = n
    }
}

public enum ClientKind: IDKind { public static let prefix = "c"; public static let noun = "client" }
public enum PractitionerKind: IDKind { public static let prefix = "p"; public static let noun = "practitioner" }
public enum AppointmentKind: IDKind { public static let prefix = "a"; public static let noun = "appointment" }
public enum ReferralKind: IDKind { public static let prefix = "r"; public static let noun = "referral" }
public enum CallbackKind: IDKind { public static let prefix = "cb"; public static let noun = "callback" }

public enum AuditKind: IDKind { public static let prefix = "au"; public static let noun = "audit" }

/// One try at sending an autopilot message (`m12`).
public enum AttemptKind: IDKind { public static let prefix = "m"; public static let noun = "message attempt" }

public typealias AttemptID = ID<AttemptKind>
public typealias ClientID = ID<ClientKind>
public typealias PractitionerID = ID<PractitionerKind>
public typealias AppointmentID = ID<AppointmentKind>
public typealias ReferralID = ID<ReferralKind>
public typealias CallbackID = ID<CallbackKind>
public typealias AuditID = ID<AuditKind>
