/// Text from the log made safe and measurable for a terminal: control characters and direction overrides become
/// visible placeholders, and widths are counted in terminal cells (CJK and emoji take two).
public enum DisplayText {
    /// Replaces every character a terminal would act on (C0, DEL, C1, ESC, bidi controls) with a visible stand-in.
    public static func visible(_ s: String) -> String {
        var needs = false
        for u in s.unicodeScalars where isUnsafe(u) { needs = true; break }
        guard needs else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if !isUnsafe(u) { out.append(u) }
            else if u.value < 0x20 { out.append(Unicode.Scalar(0x2400 + u.value)!) }  // ␀…␟, so ESC shows as ␛
            else if u.value == 0x7F { out.append("\u{2421}") }  // ␡
            else { out.append("\u{FFFD}") }
        }
        return String(out)
    }

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Terminal cells a string takes once made visible.
    public static func width(_ s: String) -> Int {
        var w = 0
        for ch in s { w += width(of: ch) }
        return w
    }

    public static func width(of ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }  // emoji presentation
        return scalarWidth(first)
    }

    static func scalarWidth(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 || v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || (0xFE00...0xFE0F).contains(v) { return 0 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(v) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
             0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
             0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
             0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts a string to at most `width` cells, ending with `…` when it had to cut.
    public static func fit(_ s: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let v = visible(s)
        if DisplayText.width(v) <= width { return v }
        var out = ""
        var w = 0
        for ch in v {
            let cw = DisplayText.width(of: ch)
            if w + cw > width - 1 { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }

    /// Pads with spaces to exactly `width` cells (cutting first if needed).
    public static func pad(_ s: String, width: Int) -> String {
        let f = fit(s, width: width)
        return f + String(repeating: " ", count: max(0, width - DisplayText.width(f)))
    }
}
