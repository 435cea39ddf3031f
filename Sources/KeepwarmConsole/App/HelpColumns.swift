import KeepwarmCore

/// How `?` lays its lines in two columns: a description too long for its column wraps under itself, the right
/// column starts at a section's title, and a column that starts inside a section (scrolled, or a section taller
/// than the screen) first repeats that section's title with "(cont.)", so no key is read under the wrong heading.
enum HelpColumns {
    /// Where a key row's description starts: two spaces, the 12-cell key column, a space (`KeyHelp.helpLines`).
    static let descriptionIndent = 15

    /// A section's title (a key row starts with spaces; sections are separated by an empty line).
    static func isTitle(_ line: String) -> Bool { !line.isEmpty && !line.hasPrefix(" ") }

    /// `lines`, every key row wider than `width` wrapped at a space onto lines indented to its description.
    static func wrapped(_ lines: [String], width: Int) -> [String] {
        lines.flatMap { line -> [String] in
            guard line.hasPrefix(" "), width > descriptionIndent + 8 else { return [line] }
            var out: [String] = [], rest = Array(line)
            while DisplayText.width(String(rest)) > width {
                // The last space (else after the last `/`, as in "sources/referrers/retention") that leaves the part
                // before it within the width, after the key column.
                var used = 0, space: Int?, slash: Int?
                for (i, c) in rest.enumerated() {
                    if c == " ", i > descriptionIndent, used <= width { space = i }
                    used += DisplayText.width(String(c))
                    if c == "/", i >= descriptionIndent, used <= width { slash = i + 1 }
                    if used > width { break }
                }
                guard let at = space ?? slash else { break }
                out.append(String(rest[..<at]))
                let next = rest[at...].drop { $0 == " " }
                rest = Array(String(repeating: " ", count: descriptionIndent)) + next
            }
            return out + [String(rest)]
        }
    }

    /// The two columns, `rows` high and `width` wide, scrolled down `scroll` rows (at most `maxScroll`, where the
    /// longer column's last line is in view).
    static func columns(_ lines: [String], rows: Int, width: Int, scroll: Int) -> (left: [String], right: [String], maxScroll: Int) {
        let all = wrapped(lines, width: width)
        // The right column starts at the section title nearest the middle, so both columns start with a title.
        let titles = all.indices.filter { $0 > 0 && isTitle(all[$0]) && all[$0 - 1].isEmpty }
        let split = titles.min { max($0, all.count - $0) < max($1, all.count - $1) } ?? (all.count + 1) / 2
        var left = Array(all[..<split])
        while left.last?.isEmpty == true { left.removeLast() }
        let right = Array(all[split...])
        let maxScroll = max(lastTop(left, rows: rows, width: width), lastTop(right, rows: rows, width: width))
        let top = max(0, min(scroll, maxScroll))
        return (view(left, top: top, rows: rows, width: width).lines, view(right, top: top, rows: rows, width: width).lines, maxScroll)
    }

    /// A column's lines from `top`: its section's title again when `top` falls inside a section, and a title that
    /// would sit alone at the foot left for the next screen; with the index of the last line shown.
    static func view(_ column: [String], top: Int, rows: Int, width: Int) -> (lines: [String], last: Int) {
        var a = top
        if a < column.count && column[a].isEmpty { a += 1 }
        guard a < column.count, rows > 1 else { return ([], column.count - 1) }
        var out: [String] = []
        if !isTitle(column[a]), let title = column[..<a].last(where: isTitle) { out.append(continued(title, width: width)) }
        var last = min(column.count, a + rows - out.count) - 1
        // A title with none of its keys under it is shown with them on the next screen instead.
        if last > a, last < column.count - 1, isTitle(column[last]) { last -= 1 }
        out += column[a...last]
        return (out, last)
    }

    /// "Title (cont.)", without the title's trailing "(…)" when the whole would not fit the column.
    static func continued(_ title: String, width: Int) -> String {
        var t = title
        if DisplayText.width(t) + 8 > width, t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            t = String(t[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return t + " (cont.)"
    }

    /// The first scroll at which the column's last line is in view.
    static func lastTop(_ column: [String], rows: Int, width: Int) -> Int {
        var t = max(0, column.count - rows)
        while t < column.count - 1 && view(column, top: t, rows: rows, width: width).last < column.count - 1 { t += 1 }
        return t
    }
}
