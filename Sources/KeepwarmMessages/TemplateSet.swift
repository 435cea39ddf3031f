import Foundation

/// The templates in use: a file in the templates directory overrides the compiled-in default of the same kind.
public struct TemplateSet: Sendable {
    /// The configured templates directory, if any.
    public let directory: String?

    public init(directory: String?) { self.directory = directory }

    /// The path a kind's file would have, if a directory is configured.
    public func path(_ kind: MessageKind) -> String? {
        directory.map { ($0 as NSString).appendingPathComponent(kind.fileName) }
    }

    /// `default`, or the path of the file that overrides it.
    public func source(_ kind: MessageKind) -> String {
        guard let p = path(kind), FileManager.default.fileExists(atPath: p) else { return "default" }
        return p
    }

    /// The template for `kind`, checked; a file that cannot be read or checked is an error, never a silent default.
    public func template(_ kind: MessageKind) throws(FileError) -> MessageTemplate {
        let source = source(kind)
        if source == "default" { return try MessageTemplate(text: DefaultTemplates.text(kind), source: "default \(kind.fileName)") }
        guard let data = FileManager.default.contents(atPath: source), let text = String(data: data, encoding: .utf8) else {
            throw FileError(path: source, line: 1, column: 1, reason: "cannot be read as UTF-8 text; fix or remove it to use the default")
        }
        return try MessageTemplate(text: text, source: source)
    }

    /// Writes each default whose file is missing and returns the paths written; an edited file is never overwritten.
    public func writeDefaults() throws -> [String] {
        guard let directory else {
            throw TemplateSetError("no templates directory: set templates_dir in config.toml (see keepwarm config)")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for kind in MessageKind.allCases {
            let p = path(kind)!
            // O_EXCL: a file someone made between the check and the write is left alone too.
            let fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw TemplateSetError("\(p): \(String(cString: strerror(errno)))")
            }
            let bytes = Array(DefaultTemplates.text(kind).utf8)
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, bytes.count) }
            close(fd)
            guard n == bytes.count else { throw TemplateSetError("\(p): could not be written in full") }
            written.append(p)
        }
        return written
    }
}

/// A problem with the templates directory itself.
public struct TemplateSetError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
