import Foundation
import KeepwarmCore

/// A column map kept with `--save-map NAME` for the next file from the same system: every column of the file as it was
/// read (after the preset, the synonyms and `--map`), `Column=field` one a line, with `ignore` for the columns left out,
/// and the preset it started from (which reads columns the next file has and this one did not). It lives in
/// `<config>/keepwarm/maps/NAME.map`, beside config.toml, and `--preset NAME` finds it.
public struct SavedMap: Equatable, Sendable {
    public let name: String
    /// clients or appointments: a map is for one kind of file.
    public let kind: String
    /// The built-in preset the map started from.
    public let base: String
    public let entries: [Entry]
    /// Headers with no letter or digit, which no line of the file could find again: not saved, and said so.
    public var leftOut: [String] = []

    /// One column and the field it holds.
    public struct Entry: Equatable, Sendable {
        public let column: String
        public let field: ImportField
    }

    /// The map as used for `table`: each column with a header, in the file's order, and the field it was read as.
    public init(name: String, table: CSVTable, map: ColumnMap, base: String, forAppointments: Bool) {
        self.name = name
        kind = forAppointments ? "appointments" : "clients"
        self.base = base
        var byColumn: [Int: ImportField] = [:]
        let order = forAppointments ? ImportField.appointmentFields : ImportField.clientFields
        for f in order { for i in map.columns[f] ?? [] where byColumn[i] == nil { byColumn[i] = f } }
        var kept: [Entry] = []
        for (i, h) in table.header.enumerated() where !h.isEmpty {
            let line = SavedMap.asLine(h)
            if HeaderKey.of(line).isEmpty { leftOut.append(h) } else { kept.append(Entry(column: line, field: byColumn[i] ?? .ignore)) }
        }
        entries = kept
    }

    /// A header as one line of the file: line breaks as spaces, and no leading `#` (which would make it a comment).
    /// Headers are matched by their letters and digits, so the line still finds its column.
    static func asLine(_ header: String) -> String {
        String(header.map { $0.isNewline ? " " : $0 }.drop { $0 == "#" || $0 == " " })
    }

    init(name: String, kind: String, base: String, entries: [Entry]) {
        self.name = name
        self.kind = kind
        self.base = base
        self.entries = entries
    }

    /// Names are for a file name and a command line: letters, digits, `-` and `_`, up to 40.
    public static func checkName(_ name: String) throws(ImportError) {
        guard (1...40).contains(name.count),
              name.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { throw ImportError("--save-map: '\(name)' can't be a map's name; use letters, digits, - and _ (up to 40), as in --save-map riverside-cliniko") }
        if ImportPreset.builtIn(name) != nil {
            throw ImportError("--save-map: '\(name)' is a built-in preset and can't be replaced; save the map under another name, as in --save-map \(name.lowercased())-mine")
        }
    }

    /// The file's text.
    public var text: String {
        var out = "# Keepwarm column map '\(name)', saved with --save-map; use it with --preset \(name).\n"
        out += "# One column a line: Column=field (ignore: not imported). Edit it, or save it again from a dry run.\n"
        out += "# for: \(kind)\n# preset: \(base)\n"
        for e in entries { out += "\(e.column)=\(e.field.rawValue)\n" }
        return out
    }

    /// Where the map named `name` lives in `maps`.
    /// Names are not case-sensitive, as the built-in presets' are not: `Riverside` and `riverside` are one map.
    public static func path(_ name: String, in maps: String) -> String { maps + "/" + name.lowercased() + ".map" }

    /// Writes the map atomically (a whole new file renamed over the old one, so a crash leaves the old map or the new,
    /// never half of one), making the maps folder if need be. Returns its path.
    @discardableResult
    public func save(in maps: String) throws(ImportError) -> String {
        let path = SavedMap.path(name, in: maps)
        do {
            try FileManager.default.createDirectory(atPath: maps, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ImportError("--save-map: can't make the folder \(maps) (\(error.localizedDescription)); check its permissions")
        }
        let temp = maps + "/." + name.lowercased() + ".map.\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw ImportError("--save-map: can't write \(path): \(String(cString: strerror(errno))); nothing was saved") }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let why = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw ImportError("--save-map: can't write \(path): \(why); nothing was saved")
            }
            done += n
        }
        let synced = fsync(fd) == 0
        let why = String(cString: strerror(errno))
        close(fd)
        guard synced, rename(temp, path) == 0 else {
            unlink(temp)
            throw ImportError("--save-map: can't write \(path): \(synced ? String(cString: strerror(errno)) : why); nothing was saved")
        }
        let dir = open(maps, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
        return path
    }

    /// The map saved as `name` in `maps`, or nil when there is none; a file that can't be read is `path:line:column: reason`.
    public static func load(_ name: String, in maps: String) throws(ImportError) -> SavedMap? {
        let path = path(name, in: maps)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else { throw ImportError("\(path):1:1: is not UTF-8 text; save it again with --save-map \(name)") }
        var kind = "clients", base = "keepwarm"
        var entries: [Entry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("#") {
                let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if body.hasPrefix("for:") { kind = body.dropFirst(4).trimmingCharacters(in: .whitespaces) }
                if body.hasPrefix("preset:") { base = body.dropFirst(7).trimmingCharacters(in: .whitespaces) }
                continue
            }
            // Field names hold no `=`, so the last one divides a header that has one from its field.
            guard let eq = line.lastIndex(of: "=") else {
                throw ImportError("\(path):\(n + 1):1: '\(line)' needs the form Column=field")
            }
            let fieldName = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = ImportField(rawValue: fieldName) else {
                throw ImportError("\(path):\(n + 1):\(line.distance(from: line.startIndex, to: eq) + 2): '\(fieldName)' is not a field; use one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            entries.append(Entry(column: String(line[..<eq]).trimmingCharacters(in: .whitespaces), field: field))
        }
        guard kind == "clients" || kind == "appointments" else {
            throw ImportError("\(path): '# for: \(kind)' should say clients or appointments")
        }
        guard ImportPreset.builtIn(base) != nil else {
            throw ImportError("\(path): '# preset: \(base)' is not a built-in preset; use \(ImportPreset.all.map(\.name).joined(separator: ", "))")
        }
        return SavedMap(name: name, kind: kind, base: base, entries: entries)
    }

    /// The map as a preset: its columns first, then the preset it started from for columns it does not name.
    public func preset(forAppointments: Bool) throws(ImportError) -> ImportPreset {
        let wanted = forAppointments ? "appointments" : "clients"
        guard kind == wanted else {
            throw ImportError("the map '\(name)' was saved for importing \(kind), not \(wanted); give --preset the map saved from \(forAppointments ? "an appointments" : "a clients") file")
        }
        let allowed = Set(forAppointments ? ImportField.appointmentFields : ImportField.clientFields)
        for e in entries where !allowed.contains(e.field) {
            throw ImportError("the map '\(name)' reads '\(e.column)' as \(e.field.rawValue), which is not a field for importing \(wanted); save the map again")
        }
        let own = Set(entries.map { HeaderKey.of($0.column) })
        let basePreset = ImportPreset.builtIn(base) ?? .keepwarm
        var fields: [(ImportField, [String])] = []
        for f in (forAppointments ? ImportField.appointmentFields : ImportField.clientFields) {
            let mine = entries.filter { $0.field == f }.map(\.column)
            let theirs = basePreset.entries(forAppointments: forAppointments).filter { $0.0 == f }
                .flatMap(\.1).filter { !own.contains(HeaderKey.of($0)) }
            if !mine.isEmpty || !theirs.isEmpty { fields.append((f, mine + theirs)) }
        }
        return ImportPreset(name: name, system: "a map saved with --save-map (from the \(base) preset)",
                            clients: forAppointments ? [] : fields, appointments: forAppointments ? fields : [],
                            label: "saved map '\(name)'", base: base)
    }
}
