import KeepwarmCore

/// Fits a status message to the one-row status line without losing what to do next. A message that does not fit
/// first gives up a trailing "(detail)" (shortened from its middle while there is room, else dropped); a message
/// still too long is cut from the middle, its last clause (the fix: "…; free some space and try again") kept whole.
/// The message log (`M`) keeps every message whole. Widths are display cells (a wide character counts 2).
enum StatusFit {
    /// Clause breaks; the text after the last one is the fix.
    static let breaks = ["; ", ": ", " — ", ". "]
    /// The fewest cells worth showing of a detail or of a message's start.
    static let minimum = 12

    static func fit(_ s: String, width: Int) -> String {
        guard width > 0 else { return "" }
        var v = DisplayText.visible(s)
        if DisplayText.width(v) <= width { return v }
        if let (main, detail) = trailingDetail(v) {
            let room = width - DisplayText.width(main) - 3
            if room >= minimum { return main + " (" + (DisplayText.width(detail) <= room ? detail : keepingFix(detail, width: room)) + ")" }
            v = main
            if DisplayText.width(v) <= width { return v }
        }
        return keepingFix(v, width: width)
    }

    /// "main (detail)" split at the parenthesis that the final ")" closes, when the message ends with one.
    static func trailingDetail(_ s: String) -> (String, String)? {
        guard s.hasSuffix(")") else { return nil }
        var depth = 0
        var i = s.endIndex
        while i > s.startIndex {
            i = s.index(before: i)
            if s[i] == ")" { depth += 1 }
            if s[i] == "(" {
                depth -= 1
                if depth == 0 {
                    let main = s[..<i].trimmingTrailingSpaces
                    guard !main.isEmpty else { return nil }
                    return (main, String(s[s.index(after: i)..<s.index(before: s.endIndex)]))
                }
            }
        }
        return nil
    }

    /// `s` cut from the middle with its last clause whole (if that leaves `minimum` cells of its start).
    static func keepingFix(_ s: String, width: Int) -> String {
        let room = width - 1
        guard room > 0 else { return width == 1 ? "…" : "" }
        var start = s.startIndex
        for sep in breaks {
            if let r = s.range(of: sep, options: .backwards), r.upperBound > start { start = r.upperBound }
        }
        var tailWidth = DisplayText.width(String(s[start...]))
        if start == s.startIndex || tailWidth > room - min(minimum, room / 3) { tailWidth = max(room / 2, room - max(minimum, room / 3)) }
        let tail = String(suffix(s, width: tailWidth).drop { $0 == " " })
        // "start… fix" with a space before the fix when there is room for one.
        let joint = DisplayText.width(tail) + 2 <= room ? "… " : "…"
        var head = prefix(s, width: width - DisplayText.width(joint) - DisplayText.width(tail))
        // End the start at a word if that costs only a few cells: "nothing was …" rather than "nothing was wr…".
        if let space = head.lastIndex(of: " "), head.distance(from: space, to: head.endIndex) <= 8,
           !s.dropFirst(head.count).hasPrefix(" ") {
            head = String(head[...space])
        }
        return head + joint + tail
    }

    /// `s` cut from the middle to `width` cells, start and end sharing the room.
    static func middle(_ s: String, width: Int) -> String {
        if DisplayText.width(s) <= width { return s }
        guard width > 1 else { return width == 1 ? "…" : "" }
        let tail = suffix(s, width: (width - 1) / 2)
        return prefix(s, width: width - 1 - DisplayText.width(tail)) + "…" + tail
    }

    /// The longest start of `s` at most `width` cells wide (a wide character is never split).
    static func prefix(_ s: String, width: Int) -> String {
        var out = "", w = 0
        for ch in s {
            let cw = DisplayText.width(of: ch)
            if w + cw > width { break }
            out.append(ch)
            w += cw
        }
        return out
    }

    /// The longest end of `s` at most `width` cells wide (a wide character is never split).
    static func suffix(_ s: String, width: Int) -> String {
        var out: [Character] = [], w = 0
        for ch in s.reversed() {
            let cw = DisplayText.width(of: ch)
            if w + cw > width { break }
            out.append(ch)
            w += cw
        }
        return String(out.reversed())
    }
}

private extension Substring {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
