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

    /// The path a kind's SMS file would have, if a directory is configured.
    public func smsPath(_ kind: MessageKind) -> String? {
        directory.map { ($0 as NSString).appendingPathComponent(kind.smsFileName) }
    }

    /// `default`, the path of the file that overrides it, or `none` for a desk task (a call has no SMS).
    public func smsSource(_ kind: MessageKind) -> String {
        guard kind.hasSMS else { return "none" }
        guard let p = smsPath(kind), FileManager.default.fileExists(atPath: p) else { return "default" }
        return p
    }

    /// The SMS template for `kind`: `KIND.sms.mustache` from the templates directory, else the short default. As with
    /// `template`, a file that cannot be read or checked is an error, never a silent default.
    public func smsTemplate(_ kind: MessageKind) throws(FileError) -> MessageTemplate {
        guard kind.hasSMS, let text = DefaultTemplates.sms(kind) else {
            throw FileError(path: smsPath(kind) ?? kind.smsFileName, line: 1, column: 1,
                            reason: "\(kind.name) is a call for the desk, not a message: it has no SMS")
        }
        let source = smsSource(kind)
        if source == "default" { return try MessageTemplate(smsText: text, source: "default \(kind.smsFileName)") }
        guard let data = FileManager.default.contents(atPath: source), let text = String(data: data, encoding: .utf8) else {
            throw FileError(path: source, line: 1, column: 1, reason: "cannot be read as UTF-8 text; fix or remove it to use the default")
        }
        return try MessageTemplate(smsText: text, source: source)
    }

    /// Writes each default (email and SMS) whose file is missing and returns the paths written; an edited file is
    /// never overwritten.
    public func writeDefaults() throws -> [String] {
        guard let directory else {
            throw TemplateSetError("no templates directory: set templates_dir in config.toml (see keepwarm config)")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for (p, text) in defaultFiles {
            // O_EXCL: a file someone made between the check and the write is left alone too.
            let fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw TemplateSetError("\(p): \(String(cString: strerror(errno)))")
            }
            let bytes = Array(text.utf8)
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, bytes.count) }
            close(fd)
            guard n == bytes.count else { throw TemplateSetError("\(p): could not be written in full") }
            written.append(p)
        }
        return written
    }

    /// Every default's path in the directory and its text: each kind's template, then its SMS template if it has one.
    public var defaultFiles: [(path: String, text: String)] {
        MessageKind.allCases.flatMap { kind -> [(path: String, text: String)] in
            guard let p = path(kind) else { return [] }
            var files = [(path: p, text: DefaultTemplates.text(kind))]
            if let s = smsPath(kind), let text = DefaultTemplates.sms(kind) { files.append((path: s, text: text)) }
            return files
        }
    }
}

/// A problem with the templates directory itself.
public struct TemplateSetError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
