import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The password file libpq reads (`~/.pgpass`, or PGPASSFILE): `host:port:database:user:password` lines, `*` for
/// any, `\:` and `\\` for a colon or backslash; ignored, as libpq does, when anyone but its owner may read it.
enum PgPass {
    static func password(in path: String, for target: PostgresTarget) -> (password: String?, warnings: [String]) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return (nil, []) }
        if st.st_mode & 0o077 != 0 {
            return (nil, ["\(path) is ignored: others may read it; make it private with: chmod 600 \(path)"])
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return (nil, []) }
        // A socket connection matches the "localhost" entries, as in libpq.
        let host = target.host.hasPrefix("/") ? "localhost" : target.host
        let wanted = [host, String(target.port), target.database, target.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(line)
            guard fields.count >= 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) {
                return (fields[4...].joined(separator: ":"), [])
            }
        }
        return (nil, [])
    }

    /// Splits a line on the colons that are not escaped, unescaping `\:` and `\\`.
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", escaped = false
        for c in line {
            if escaped { field.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == ":" { out.append(field); field = "" }
            else { field.append(c) }
        }
        out.append(field)
        return out
    }
}
