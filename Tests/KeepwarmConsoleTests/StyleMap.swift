@testable import KeepwarmConsole

/// A screen's styles as text, one letter per cell, laid over the screen's text in a golden file beside it
/// (`name.styles.txt`), so a golden test fails when a highlight, a colour or an attribute changes, not only the text.
///
/// Letters are fixed for the styles the console draws with (a blank is plain, `r` reverse, `A` a bold accent title,
/// `m` muted, `X` a bold danger…); any other style gets a digit or a symbol in the order it is first met. The letters
/// used are listed with their meaning at the end of the file, so it can be read without this table.
enum StyleMap {
    /// The letters a reader learns: the console's own styles.
    static let named: [(Style, Character)] = [
        (.plain, " "), (.bold, "b"), (Style(.dim), "d"), (Style(.reverse), "r"), (Style([.reverse, .bold]), "R"),
        (Style(.underline), "u"), (Style([.underline, .bold]), "U"), (Style([.dim, .underline]), "D"),
        (Style([.reverse, .underline]), "v"),
        (Style([], .accent), "a"), (.title, "A"),
        (.muted, "m"), (Style([.dim, .reverse], .muted), "M"), (Style([.dim, .underline], .muted), "n"),
        (.good, "g"), (Style(.bold, .good), "G"), (Style(.reverse, .good), "h"),
        (Style([], .warning), "w"), (.warning, "W"), (Style([.bold, .reverse], .warning), "Y"), (Style([.bold, .underline], .warning), "V"),
        (Style([], .danger), "x"), (.danger, "X"), (Style([.bold, .reverse], .danger), "Z"), (Style([.bold, .underline], .danger), "z"),
    ]
    static let spare = Array("0123456789#$%&*+=@^~")

    /// The map: one line per screen row (trailing blanks removed), then the legend.
    static func text(_ g: Grid) -> String {
        var letters = Dictionary(uniqueKeysWithValues: named.map { ($0.0, $0.1) })
        var used: [Style] = []
        var extra = spare[...]
        var rows: [String] = []
        for y in 0..<g.height {
            var row = ""
            for x in 0..<g.width {
                let style = g[x, y].style
                if letters[style] == nil { letters[style] = extra.popFirst() ?? "?" }
                if !used.contains(style) { used.append(style) }
                row.append(letters[style]!)
            }
            while row.hasSuffix(" ") { row.removeLast() }
            rows.append(row)
        }
        let legend = used.filter { $0 != .plain }.sorted { letters[$0]! < letters[$1]! }.map { "\(letters[$0]!) \(describe($0))" }
        return (rows + ["-- styles (blank: plain) --"] + legend).joined(separator: "\n") + "\n"
    }

    /// "bold+reverse, danger": the attributes, then the colour role unless it is the terminal's own.
    static func describe(_ s: Style) -> String {
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline")]
        let attrs = names.filter { s.attributes.contains($0.0) }.map(\.1).joined(separator: "+")
        let color = s.color == .normal ? "" : "\(s.color)"
        return [attrs.isEmpty ? "plain" : attrs, color].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
