import KeepwarmCore

/// The bottom row: the keys of where the person is. When they do not all fit, the ones in the middle give way to
/// `…`, and the end (`? help  q quit` on the panes, the closing key in a window) always shows.
enum KeyBar {
    static func draw(_ g: inout Grid, _ m: ConsoleModel, y: Int) {
        let (entries, end) = KeyHelp.bar(for: m)
        let gap = 2
        func width(_ e: KeyHelp.Entry) -> Int { DisplayText.width(g.charset.keyName(e.key)) + 1 + DisplayText.width(e.label) }
        func total(_ es: [KeyHelp.Entry]) -> Int { es.map(width).reduce(0, +) + gap * max(0, es.count - 1) }
        let endWidth = total(end)
        var shown = entries
        var cut = false
        while !shown.isEmpty && total(shown) + (end.isEmpty ? 0 : gap + endWidth) + (cut ? gap + 1 : 0) > g.width {
            shown.removeLast()
            cut = true
        }
        var x = 0
        func put(_ e: KeyHelp.Entry) {
            x += g.put(g.charset.keyName(e.key), x: x, y: y, style: Style([.reverse, .bold]))
            x += g.put(" " + e.label, x: x, y: y)
            x += gap
        }
        shown.forEach(put)
        if cut { x += g.put("…", x: x, y: y, style: .muted) + gap }
        end.forEach(put)
    }
}
