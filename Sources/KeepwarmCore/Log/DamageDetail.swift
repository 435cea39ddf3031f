#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Says more about damaged lines than replay does, for `keepwarm check` and `keepwarm repair`: where a hand edit
/// broke the JSON, and which earlier line a pasted copy repeats.
public enum DamageDetail {
    /// The same issues, re-read from `path`, each explained as precisely as its line allows.
    public static func explain(_ issues: [LogIssue], path: String) throws(LogError) -> [LogIssue] {
        guard !issues.isEmpty else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open it", errno: errno) }
        defer { close(fd) }
        // A line pasted twice repeats a seq, and replay checks seq first, so only those lines can be copies.
        var seqIssue: [Int: Bool] = [:]
        for issue in issues { seqIssue[issue.line] = issue.reason.hasPrefix("seq ") }
        var copies = CopyFinder()
        var decodeFailures: [Int: LineDamage] = [:]
        var scratch = DecodeScratch()
        try LineStream.forEach(fd, path: path) { n, line in
            guard let isSeq = seqIssue[n] else { return }
            let o = LineOutcome.decode(line, isFirst: n == 1, scratch: &scratch)
            switch o.decoded {
            case .failure(let d): decodeFailures[n] = refine(stripped(line, o), d)
            case .success: if isSeq { copies.want(n, Array(line)) }
            }
        }
        if !copies.isEmpty {
            try LineStream.forEach(fd, path: path) { n, line in copies.see(n, line) }
        }
        return issues.map { issue in
            if let d = decodeFailures[issue.line] {
                let reason = issue.line == 1 ? "the first line must be the keepwarm-events header: \(d.reason)" : d.reason
                return LogIssue(path: issue.path, line: issue.line, column: d.column, reason: reason)
            }
            guard let k = copies.copyOf[issue.line] else { return issue }
            return LogIssue(path: issue.path, line: issue.line, column: issue.column, reason: issue.reason + copyNote(k))
        }
    }

    static func copyNote(_ line: Int) -> String { "; this line is an exact copy of line \(line)" }

    /// The line as the decoder saw it: without a trailing CR or a leading byte-order mark.
    static func stripped(_ raw: UnsafeBufferPointer<UInt8>, _ o: LineOutcome) -> UnsafeBufferPointer<UInt8> {
        var line = raw
        if o.crlf { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if o.bom { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
        return line
    }

    /// The checksum is checked before the JSON, so after a hand edit it hides where the line itself broke (a deleted
    /// quote, a stray word). That place is what a person fixing the line needs, so it is reported instead, with the
    /// checksum's verdict after it. A line whose JSON is sound keeps the checksum's own reason and column.
    static func refine(_ line: UnsafeBufferPointer<UInt8>, _ damage: LineDamage) -> LineDamage {
        guard !line.isEmpty, let structural = structuralDamage(line), structural != damage else { return damage }
        let why = hasChecksumTail(line)
            ? "the line was changed after it was written (its checksum no longer matches)"
            : "the line has no \"crc\" checksum, so it was not written by Keepwarm"
        return LineDamage(column: structural.column, reason: "\(structural.reason); \(why)")
    }

    /// What reading the line would say if its checksum were right.
    private static func structuralDamage(_ line: UnsafeBufferPointer<UInt8>) -> LineDamage? {
        var scanner = LineScanner(line)
        var scratch = DecodeScratch()
        do {
            try scanner.scan()
            _ = try EventFields(s: scanner).decode(&scratch)
            return nil
        } catch {
            return error
        }
    }

    /// Whether the line ends like `,"crc":"1a2b3c4d"}`, whatever the digits say.
    private static func hasChecksumTail(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let head = Array(#","crc":""#.utf8)
        let n = line.count
        guard n >= head.count + 10 else { return false }
        let start = n - head.count - 10
        guard Array(line[start..<(start + head.count)]) == head, line[n - 2] == UInt8(ascii: "\""), line[n - 1] == UInt8(ascii: "}") else {
            return false
        }
        return line[(n - 10)..<(n - 2)].allSatisfy { (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) }
    }
}

/// Finds, for a few damaged lines, an earlier line with exactly the same bytes: a line pasted twice in an editor.
struct CopyFinder {
    private var targets: [[UInt8]: [Int]] = [:]
    private var lengths: Set<Int> = []
    /// For each wanted line, the first earlier line identical to it.
    private(set) var copyOf: [Int: Int] = [:]

    var isEmpty: Bool { targets.isEmpty }

    /// A trailing CR is ignored, so a copy is found in a log with Windows line ends too.
    private static func key(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        line.last == 0x0D ? UnsafeBufferPointer(rebasing: line.dropLast()) : line
    }

    mutating func want(_ line: Int, _ bytes: [UInt8]) {
        let k = bytes.withUnsafeBufferPointer { Array(CopyFinder.key($0)) }
        targets[k, default: []].append(line)
        lengths.insert(k.count)
    }

    /// Looks at every line in order; cheap for lines of a length no wanted line has.
    mutating func see(_ n: Int, _ line: UnsafeBufferPointer<UInt8>) {
        let k = CopyFinder.key(line)
        guard lengths.contains(k.count), let lines = targets[Array(k)] else { return }
        for t in lines where t > n && copyOf[t] == nil { copyOf[t] = n }
    }
}
