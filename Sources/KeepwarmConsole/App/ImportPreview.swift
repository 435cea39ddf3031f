import KeepwarmCore

/// What the import prompt asked for (`I`): the file, whether it holds clients or appointments, and a preset.
public struct ImportRequest: Sendable, Equatable {
    /// What the file's rows are.
    public enum Records: String, Sendable, CaseIterable { case clients, appointments }

    public var file: String
    public var records: Records
    /// A preset or saved map by name; nil for the default (Keepwarm's own headers).
    public var preset: String?

    public init(file: String, records: Records, preset: String? = nil) {
        self.file = file
        self.records = records
        self.preset = preset
    }
}

/// One line of an import's report, as `keepwarm import` prints it, with what kind of line it is so the screen can
/// style it: a heading, something fine, a note worth reading, or a problem (a rejected row).
public struct ImportLine: Sendable, Equatable {
    /// How the line reads: problems stand out, notes are to be read, headings start a part.
    public enum Kind: String, Sendable { case heading, fine, note, problem }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Whatever the wiring needs to write an import it planned (the file as read and its column map). The console never
/// looks inside: it hands the token back to `ConsoleImporter.commit`. Two tokens are equal only if they are the same one.
public struct ImportToken: Sendable, Equatable {
    private final class Box: Sendable {
        let value: any Sendable
        init(_ value: any Sendable) { self.value = value }
    }

    private let box: Box

    public init(_ value: any Sendable) { box = Box(value) }

    /// The value the wiring put in, as the type it put in.
    public func value<T>(as: T.Type) -> T? { box.value as? T }

    public static func == (a: ImportToken, b: ImportToken) -> Bool { a.box === b.box }
}

/// An import planned against the practice (a dry run), or written (committed): the report's lines, what it writes, and
/// for a dry run the token that commits it.
public struct ImportPreview: Sendable, Equatable {
    public var request: ImportRequest
    /// The file's name as the report gives it.
    public var file: String
    public var lines: [ImportLine]
    /// Clients or appointments the import adds (0: none, though it may still record what the file withdraws).
    public var records: Int
    /// Events it writes; 0 means nothing would be (or was) written.
    public var events: Int
    /// What it adds, one line per kind of record ("3 clients (c4–c6)").
    public var summary: [String]
    /// Whether this is what was written, not a dry run.
    public var committed: Bool
    /// For a dry run that would write something: what `c` commits.
    public var token: ImportToken?

    public init(request: ImportRequest, file: String, lines: [ImportLine], records: Int, events: Int, summary: [String],
                committed: Bool, token: ImportToken? = nil) {
        self.request = request
        self.file = file
        self.lines = lines
        self.records = records
        self.events = events
        self.summary = summary
        self.committed = committed
        self.token = token
    }

    /// Whether committing would write anything.
    public var writes: Bool { events > 0 }
}

/// Runs imports for the console. The executable passes one in (KeepwarmImport reads the files), so the console reads
/// no file itself; it only learns what the dry run found and what was written.
public struct ConsoleImporter: Sendable {
    /// Reads the file and plans the import against the practice as it stands, writing nothing. Throws when the file
    /// cannot be read or mapped (one line: what to do next).
    public var dryRun: @Sendable (ImportRequest, Practice, _ by: String, _ now: Instant) throws -> ImportPreview
    /// Plans the import again against the fresh log under its lock and writes it as one batch, as
    /// `keepwarm import … --commit` does; returns what was written (maybe nothing).
    public var commit: @Sendable (ImportToken, any EventStore, _ by: String, _ now: Instant) throws -> ImportPreview

    public init(dryRun: @escaping @Sendable (ImportRequest, Practice, String, Instant) throws -> ImportPreview,
                commit: @escaping @Sendable (ImportToken, any EventStore, String, Instant) throws -> ImportPreview) {
        self.dryRun = dryRun
        self.commit = commit
    }
}
