/// A problem at a place in a file the person edits (config.toml, a template): `path:line:column: reason`.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let reason: String

    public init(path: String, line: Int, column: Int, reason: String) {
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "\(path):\(line):\(column): \(reason)" }
}

extension String {
    /// The 1-based line and column of the first line that starts with `key` followed by `=` (after spaces), so a
    /// value TOMLKit accepted but Keepwarm cannot use is still reported where the person wrote it.
    func position(ofKey key: String) -> (line: Int, column: Int) {
        for (i, raw) in split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(key) else { continue }
            let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if rest.first == "=" { return (i + 1, raw.count - trimmed.count + 1) }
        }
        return (1, 1)
    }
}
