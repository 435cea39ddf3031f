import KeepwarmCore

/// What the console shows while the practice is read, drawn before the read begins so a large log never leaves a
/// blank screen (issue 18): the title bar, a box saying what is being read and for how long, and how to leave.
public enum OpeningScreen {
    /// The screen after `seconds` of reading `what` (a log's path, or "the practice's database"), `bytes` long if known.
    public static func render(what: String, bytes: Int?, seconds: Double, width: Int, height: Int,
                              charset: Charset = .unicode) -> Grid {
        var g = Grid(width: width, height: height, charset: charset)
        guard width >= 20, height >= 5 else {
            g.putFitted("Opening…", x: 0, y: 0, width: width)
            return g
        }
        g.fill(x: 0, y: 0, width: width, height: 1, style: Style(.reverse))
        g.putFitted(" Keepwarm", x: 0, y: 0, width: width, style: Style([.reverse, .bold]))
        let w = min(width - 2, 64), h = 6
        let x = (width - w) / 2, y = max(1, (height - h) / 2)
        g.box(x: x, y: y, width: w, height: h, title: "Opening the practice")
        g.putFitted(what, x: x + 2, y: y + 2, width: w - 4)
        g.putFitted(progress(bytes: bytes, seconds: seconds), x: x + 2, y: y + 3, width: w - 4, style: .muted)
        g.putFitted("q leave", x: 1, y: height - 1, width: width - 2, style: .muted)
        return g
    }

    /// "Reading 169 MB… 1.2 s": the size says why it takes a moment; the seconds say it is not stuck.
    static func progress(bytes: Int?, seconds: Double) -> String {
        // Decimal units, as a file manager and the docs give a log's size (169,477,430 bytes is 169 MB, not 161).
        let size = bytes.map { $0 >= 1_000_000 ? " \($0 / 1_000_000) MB" : $0 >= 1_000 ? " \($0 / 1_000) KB" : " \($0) bytes" } ?? ""
        let tenths = Int((seconds * 10).rounded(.down))
        return "Reading\(size)… \(tenths / 10).\(tenths % 10) s"
    }
}
