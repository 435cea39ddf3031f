import Foundation

/// The names a zone's clocks go by (BST and GMT, CET and CEST, AEST and AEDT), read from the system's TZif file
/// (RFC 8536), for a VTIMEZONE's TZNAME.
///
/// Foundation on Linux answers `GMT+1` for `TimeZone.abbreviation`, which is no name anybody uses and which some
/// calendars show beside every time. The zone database's own file holds the real ones: each transition's local time
/// type carries its abbreviation, and the footer's POSIX TZ string (`GMT0BST,M3.5.0/1,M10.5.0`) names the times after
/// the last transition. Where neither gives a name for the offset in force, the name is the offset itself, `+01`
/// or `+0530`, as the zone database writes such zones.
public struct ICSZoneNames: Sendable {
    /// One local time type: seconds east of UTC, whether it is summer time, and its abbreviation.
    struct LocalTime: Equatable, Sendable {
        let offset: Int
        let isDaylight: Bool
        let name: String
    }

    /// Transition instants (seconds since 1970, increasing) and the local time type that begins at each.
    let transitions: [(at: Int64, type: Int)]
    let types: [LocalTime]
    /// From the footer: the standard and (if any) summer name and offset that follow the last transition.
    let standard: (name: String, offset: Int)?
    let daylight: (name: String, offset: Int)?

    /// A zone without a readable file: every name is numeric.
    public static let numericOnly = ICSZoneNames(transitions: [], types: [], standard: nil, daylight: nil)

    init(transitions: [(at: Int64, type: Int)], types: [LocalTime], standard: (name: String, offset: Int)?,
         daylight: (name: String, offset: Int)?) {
        self.transitions = transitions
        self.types = types
        self.standard = standard
        self.daylight = daylight
    }

    /// The names for `identifier` from `directory` (normally /usr/share/zoneinfo); `numericOnly` when the zone has no
    /// such file or it is not a TZif file, so an export never fails over a name.
    public static func load(_ identifier: String, directory: String) -> ICSZoneNames {
        // A zone id is a relative path of plain parts (Europe/London, America/Argentina/Buenos_Aires, Etc/GMT+1):
        // nothing else may choose which file is read.
        let parts = identifier.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ p in
            !p.isEmpty && p != "." && p != ".." && p.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789_+-".unicodeScalars.contains($0)) }
        }), let data = FileManager.default.contents(atPath: directory + "/" + identifier)
        else { return .numericOnly }
        return parse([UInt8](data)) ?? .numericOnly
    }

    /// The name of the local time in force at `instant`, whose offset is `offset` seconds east of UTC (as the system's
    /// calendar says). A name whose offset disagrees is not used: the offset is what the calendar acts on.
    public func name(at instant: Instant, offset: Int) -> String {
        let t = instant.seconds
        if let last = transitions.last, t >= last.at, let fromFooter = footerName(offset) {
            return fromFooter
        }
        // Before the first transition the first local time type applies (RFC 8536 section 3.2).
        var type = 0
        if let i = lastIndex(atOrBefore: t) { type = transitions[i].type } else if transitions.isEmpty, let fromFooter = footerName(offset) {
            return fromFooter
        }
        if type < types.count, types[type].offset == offset { return types[type].name }
        // The file and the calendar disagree about this moment: the newest type with this offset still names it.
        if let same = types.last(where: { $0.offset == offset }) { return same.name }
        return Self.numeric(offset)
    }

    func footerName(_ offset: Int) -> String? {
        if let d = daylight, d.offset == offset { return d.name }
        if let s = standard, s.offset == offset { return s.name }
        return nil
    }

    func lastIndex(atOrBefore t: Int64) -> Int? {
        var lo = 0, hi = transitions.count  // first index whose time is after t
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid].at <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// `+01`, `-03`, `+0530`, `+054500`: the zone database's own style for a zone with no letters.
    public static func numeric(_ seconds: Int) -> String {
        let a = abs(seconds), sign = seconds < 0 ? "-" : "+"
        let h = pad(a / 3600, 2), m = a / 60 % 60, s = a % 60
        if s != 0 { return sign + h + pad(m, 2) + pad(s, 2) }
        return m != 0 ? sign + h + pad(m, 2) : sign + h
    }

    // MARK: TZif

    /// Reads a TZif file of any version: the 64-bit block of version 2 and later (times after 2038 and before 1901),
    /// else the 32-bit one; nil when the bytes are not a whole TZif file.
    static func parse(_ b: [UInt8]) -> ICSZoneNames? {
        guard b.count >= 44, b[0] == 0x54, b[1] == 0x5A, b[2] == 0x69, b[3] == 0x66 else { return nil }  // "TZif"
        func u32(_ at: Int) -> Int? {
            guard at + 4 <= b.count else { return nil }
            return Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3])
        }
        func header(_ at: Int) -> (isut: Int, isstd: Int, leap: Int, time: Int, type: Int, char: Int)? {
            guard let a = u32(at + 20), let s = u32(at + 24), let l = u32(at + 28), let t = u32(at + 32),
                  let y = u32(at + 36), let c = u32(at + 40) else { return nil }
            return (a, s, l, t, y, c)
        }
        guard var h = header(0) else { return nil }
        var start = 44, timeSize = 4
        if b[4] >= 0x32 {  // version '2' or later: skip the 32-bit block to the second header
            let v1 = h.time * 5 + h.type * 6 + h.char + h.leap * 8 + h.isstd + h.isut
            guard let h2 = header(44 + v1) else { return nil }
            h = h2
            start = 44 + v1 + 44
            timeSize = 8
        }
        let typesAt = start + h.time * timeSize + h.time
        let charsAt = typesAt + h.type * 6
        let end = charsAt + h.char + h.leap * (timeSize + 4) + h.isstd + h.isut
        guard h.type > 0, end <= b.count else { return nil }
        var transitions: [(at: Int64, type: Int)] = []
        transitions.reserveCapacity(h.time)
        for i in 0..<h.time {
            var v: Int64 = 0
            for k in 0..<timeSize { v = v << 8 | Int64(b[start + i * timeSize + k]) }
            if timeSize == 4 { v = Int64(Int32(truncatingIfNeeded: v)) }
            let type = Int(b[start + h.time * timeSize + i])
            guard type < h.type else { return nil }
            transitions.append((v, type))
        }
        let chars = Array(b[charsAt..<charsAt + h.char])
        var types: [LocalTime] = []
        for i in 0..<h.type {
            let at = typesAt + i * 6
            let offset = Int(Int32(bitPattern: UInt32(u32(at)!)))
            let index = Int(b[at + 5])
            guard index < chars.count else { return nil }
            let name = String(decoding: chars[index...].prefix { $0 != 0 }, as: UTF8.self)
            types.append(LocalTime(offset: offset, isDaylight: b[at + 4] != 0, name: Self.usable(name) ?? Self.numeric(offset)))
        }
        var standard: (String, Int)?, daylight: (String, Int)?
        if timeSize == 8, end < b.count, b[end] == 0x0A, let close = b[(end + 1)...].firstIndex(of: 0x0A) {
            (standard, daylight) = Self.footer(String(decoding: b[(end + 1)..<close], as: UTF8.self))
        }
        return ICSZoneNames(transitions: transitions, types: types, standard: standard, daylight: daylight)
    }

    /// The names and offsets of a POSIX TZ string's `std offset [dst [offset]]` part (`GMT0BST`, `<+0530>-5:30`,
    /// `AEST-10AEDT`); the rules after the comma are the system calendar's business, not the names'.
    static func footer(_ s: String) -> (standard: (String, Int)?, daylight: (String, Int)?) {
        var rest = Substring(s)
        func name() -> String? {
            if rest.first == "<" {
                guard let close = rest.firstIndex(of: ">") else { return nil }
                let n = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
                return n
            }
            let n = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(n.count)
            return n.count >= 3 ? String(n) : nil
        }
        // A POSIX offset is hours west of UTC: `-10` is ten hours east.
        func offset() -> Int? {
            var sign = -1
            if rest.first == "+" { rest = rest.dropFirst() } else if rest.first == "-" { sign = 1; rest = rest.dropFirst() }
            let text = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
            rest = rest.dropFirst(text.count)
            let f = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...3).contains(f.count), f.allSatisfy({ $0 != nil }) else { return nil }
            let parts = f.map { $0! } + [0, 0]
            return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])
        }
        guard let std = name(), let stdOffset = offset() else { return (nil, nil) }
        let stdName = usable(std) ?? numeric(stdOffset)
        guard !rest.isEmpty, rest.first != ",", let dst = name() else { return ((stdName, stdOffset), nil) }
        let dstOffset = (rest.isEmpty || rest.first == ",") ? stdOffset + 3600 : (offset() ?? stdOffset + 3600)
        return ((stdName, stdOffset), (usable(dst) ?? numeric(dstOffset), dstOffset))
    }

    /// An abbreviation as RFC 8536 allows one (3 to 6 ASCII letters, digits, `+` or `-`); anything else is not used.
    static func usable(_ name: String) -> String? {
        (3...6).contains(name.utf8.count) && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789+-".unicodeScalars.contains($0)) }
            ? name : nil
    }
}
