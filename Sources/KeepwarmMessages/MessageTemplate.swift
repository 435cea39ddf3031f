import Foundation
import Mustache

/// A message's subject and body as the client will see them.
public struct RenderedMessage: Equatable, Sendable {
    public let subject: String
    public let body: String
}

/// One template file: a `Subject:` line, a blank line, then the body, both Mustache (Docs/messages.md); or, for an
/// SMS, the text alone.
public struct MessageTemplate: Sendable {
    /// `default` or the file's path, for `keepwarm templates` and errors.
    public let source: String
    let subject: MustacheTemplate
    let body: MustacheTemplate
    /// An SMS: no subject, and the rendered text is trimmed, since every character (even a last newline) is paid for.
    public let isSMS: Bool

    /// Values are plain text, not HTML: without this, Mustache would turn `&` into `&amp;` in an email.
    static let plainText = "{{% CONTENT_TYPE:TEXT}}"

    /// Checks the text and prepares it; every problem is reported as `source:line:column: reason`.
    public init(text: String, source: String) throws(FileError) {
        self.source = source
        isSMS = false
        func fail(_ line: Int, _ column: Int, _ reason: String) -> FileError {
            FileError(path: source, line: line, column: column, reason: reason)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("Subject:") else {
            throw fail(1, 1, "the first line must be the subject, e.g. Subject: Thank you for coming in, {{first_name}}")
        }
        var bodyStart = 1
        if lines.count > 1 && lines[1].allSatisfy(\.isWhitespace) { bodyStart = 2 }
        let subjectText = String(first.dropFirst("Subject:".count).drop { $0 == " " })
        let subjectColumn = first.count - subjectText.count + 1
        let bodyText = lines.dropFirst(bodyStart).joined(separator: "\n")
        try Self.checkNames(subjectText, line: 1, column: subjectColumn, fail)
        try Self.checkNames(bodyText, line: bodyStart + 1, column: 1, fail)
        subject = try Self.parse(subjectText, line: 1, column: subjectColumn, fail)
        body = try Self.parse(bodyText, line: bodyStart + 1, column: 1, fail)
    }

    /// An SMS template: the whole file is the text, with no subject line (Docs/messages.md, "SMS templates").
    public init(smsText text: String, source: String) throws(FileError) {
        self.source = source
        isSMS = true
        func fail(_ line: Int, _ column: Int, _ reason: String) -> FileError {
            FileError(path: source, line: line, column: column, reason: reason)
        }
        // An email template copied over as it is would text the client the word "Subject:".
        if text.hasPrefix("Subject:") {
            throw fail(1, 1, "an SMS has no subject: remove the Subject: line (and the blank line after it); the whole file is the text")
        }
        try Self.checkNames(text, line: 1, column: 1, fail)
        subject = try Self.parse("", line: 1, column: 1, fail)
        body = try Self.parse(text, line: 1, column: 1, fail)
    }

    /// Renders with the values given; a name missing from `values` renders as nothing and its sections are skipped.
    public func render(_ values: [String: String]) -> RenderedMessage {
        let present = values.filter { !$0.value.isEmpty }
        let s = subject.render(present).split(whereSeparator: \.isNewline).joined(separator: " ")
        let b = body.render(present)
        return RenderedMessage(subject: s, body: isSMS ? b.trimmingCharacters(in: .whitespacesAndNewlines) : b)
    }

    private static func parse(_ text: String, line: Int, column: Int, _ fail: (Int, Int, String) -> FileError) throws(FileError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: plainText + text)
        } catch let e as MustacheTemplate.ParserError {
            let l = e.context.lineNumber, c = e.context.columnNumber + 1 - (e.context.lineNumber == 1 ? plainText.count : 0)
            throw fail(line + l - 1, (l == 1 ? column - 1 : 0) + max(1, c), "template syntax: \(reason(e.error))")
        } catch {
            throw fail(line, column, "template syntax: \(error)")
        }
    }

    private static func reason(_ e: Error) -> String {
        switch e {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "{{/name}} does not match the {{#name}} it closes"
        case MustacheTemplate.Error.expectedSectionEnd: "a {{#name}} or {{^name}} section is never closed with {{/name}}"
        case MustacheTemplate.Error.unfinishedName: "a tag is not finished; every {{ needs its }}"
        case MustacheTemplate.Error.invalidConfigVariableSyntax, MustacheTemplate.Error.unrecognisedConfigVariable:
            "{{% …}} settings are not used in messages; remove the tag"
        default: "\(e)"
        }
    }

    /// Every tag must name a documented variable, so a typo (`{{frist_name}}`) is caught before a client gets a gap.
    private static func checkNames(_ text: String, line: Int, column: Int, _ fail: (Int, Int, String) -> FileError) throws(FileError) {
        let known = Set(TemplateVariable.allCases.map(\.rawValue))
        var l = line, c = column
        // Open sections, checked here so a mistake is reported at the tag itself, not where the parser gave up.
        var open: [(name: String, line: Int, column: Int)] = []
        var i = text.startIndex
        while i < text.endIndex {
            if text[i...].hasPrefix("{{") {
                guard let close = text[i...].range(of: "}}") else { throw fail(l, c, "this tag is not finished; every {{ needs its }}") }
                var inner = text[text.index(i, offsetBy: 2)..<close.lowerBound]
                if inner.hasPrefix("{") { inner = inner.dropFirst() }
                let sigil = inner.first
                if sigil == "!" || sigil == "%" {
                    // comments and pragmas name nothing
                } else {
                    if let s = sigil, "#^/&".contains(s) { inner = inner.dropFirst() }
                    if sigil == ">" || sigil == "<" || sigil == "$" || sigil == "=" {
                        throw fail(l, c, "only variables and {{#name}}…{{/name}} sections can be used here, not {{\(sigil!)…}}")
                    }
                    let name = inner.trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty && !known.contains(name) {
                        throw fail(l, c, "unknown variable \(name); the variables are \(TemplateVariable.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    if sigil == "#" || sigil == "^" { open.append((name, l, c)) }
                    if sigil == "/" {
                        guard let last = open.popLast() else { throw fail(l, c, "{{/\(name)}} closes a section that was never opened") }
                        guard last.name == name else {
                            throw fail(l, c, "{{/\(name)}} does not match {{#\(last.name)}} opened at line \(last.line), column \(last.column)")
                        }
                    }
                }
            }
            if text[i] == "\n" { l += 1; c = 1 } else { c += 1 }
            i = text.index(after: i)
        }
        if let unclosed = open.last {
            throw fail(unclosed.line, unclosed.column, "{{#\(unclosed.name)}} is never closed; end the section with {{/\(unclosed.name)}}")
        }
    }
}
