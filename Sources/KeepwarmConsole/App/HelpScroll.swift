import KeepwarmCore

/// How far `?` scrolls: a page is the window's height, and the scroll stops where the last key is in view. It paged
/// a fixed 10 rows, and each `j` past the end counted, so as many `k` presses did nothing on the way back.
extension ConsoleModel {
    /// The help window's page on the screen last laid out: rows per column, and the furthest scroll worth having.
    /// Before any screen is known (tests that never draw), 10 rows and no end.
    var helpPage: (rows: Int, maxScroll: Int) {
        guard let screen else { return (10, .max) }
        let (rows, width) = OverlayView.helpColumns(screenWidth: screen.width, screenHeight: screen.height)
        let laid = HelpColumns.columns(KeyHelp.helpLines(for: self), rows: rows, width: width, scroll: 0)
        return (max(1, rows), laid.maxScroll)
    }

    /// `scroll` moved by `step` rows (plus `pages` windows' heights), kept between the top and the furthest
    /// scroll; the help is laid out once for both.
    func helpScrolled(_ scroll: Int, by step: Int = 0, pages: Int = 0) -> Int {
        let page = helpPage
        let end = page.maxScroll
        return max(0, min(end, min(end, scroll) + step + pages * page.rows))
    }
}
