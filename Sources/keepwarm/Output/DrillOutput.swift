import ArgumentParser
import Foundation
import KeepwarmCore

/// `--clients FIGURE [--row …] [--column …] [--missed | --all]`: the records behind one figure of a report or the
/// audit, instead of the report (Docs/cli.md, "Drill-down").
struct DrillOptions: ParsableArguments {
    @Option(name: .customLong("clients"),
            help: ArgumentHelp("List the clients and sessions behind this figure instead of the report: rebookingRate, reachedThird, 5 (an audit step) …", valueName: "figure"))
    var figure: String?
    @Option(help: ArgumentHelp("With --clients: the figure's row (a source, a referrer's name or id).", valueName: "row"))
    var row: String?
    @Option(help: ArgumentHelp("With --clients: the figure's column (a quarter 2026-Q3, a month 2026-05, a week's Monday).", valueName: "column"))
    var column: String?
    @Flag(help: "With --clients: the records the figure missed (in its denominator, not its numerator).")
    var missed = false
    @Flag(help: "With --clients: every record in the figure's denominator.")
    var all = false

    func validate() throws {
        if figure == nil && (row != nil || column != nil || missed || all) {
            throw ValidationError("--row, --column, --missed and --all go with --clients FIGURE")
        }
        if missed && all { throw ValidationError("--missed and --all can't be used together; choose one") }
    }

    var list: FigureList { missed ? .missed : all ? .all : .counted }

    /// Prints the list behind the figure named in the options among `figures`, as text or JSON.
    func print(_ figures: [PlacedFigure], _ p: Practice, json: Bool) throws {
        guard let key = figure else { return }
        let chosen: PlacedFigure
        switch FigureChoice.find(figures, key: key, row: row, column: column) {
        case .success(let f): chosen = f
        case .failure(let e): throw InputError("--clients: \(e.message)")
        }
        // A count or a median has one list: --missed would print an empty list that reads as "nobody".
        if list != .counted, let why = chosen.figure.oneListReason {
            throw InputError("--clients: \(why); leave out --\(list.rawValue)")
        }
        guard let d = DrillDown.of(chosen, list: list, in: p) else { throw InputError("--clients: \(key) has no list behind it") }
        let rows = d.rows(in: p)
        if json { Stdout.bytes(DrillOutput.json(d, rows)) } else { Stdout.lines(DrillOutput.text(d, rows)) }
    }
}

/// The text and JSON forms of a drill-down.
enum DrillOutput {
    /// A heading with the figure and its period, what the list is, then one line per record: id, name, what it was.
    static func text(_ d: DrillDown, _ rows: [DrillRow]) -> [String] {
        var out = [DisplayText.visible(d.title), "Period: \(d.period)", "\(d.caption):"]
        let idWidth = rows.map { id($0).count }.max() ?? 0
        let nameWidth = min(28, rows.map { DisplayText.visible($0.name).count }.max() ?? 0)
        for r in rows {
            let name = DisplayText.visible(r.name)
            let shown = name.count > nameWidth ? String(name.prefix(nameWidth - 1)) + "…" : name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            out.append("  \(id(r).padding(toLength: idWidth, withPad: " ", startingAt: 0))  \(shown)  \(DisplayText.visible(r.what))")
        }
        if rows.isEmpty { out.append("  (none)") }
        return out
    }

    /// The client's id, or the callback's for a caller who is not a client.
    static func id(_ r: DrillRow) -> String {
        if let c = r.client { return c.description }
        if case .callback(let cb) = r.subject { return cb.description }
        return ""
    }

    static func json(_ d: DrillDown, _ rows: [DrillRow]) -> [UInt8] {
        var b = LineBuilder()
        b.string("figure", d.title)
        b.string("period", d.period)
        b.string("list", d.list.rawValue)
        b.int("count", rows.count)
        b.raw("rows", LineBuilder.array(rows.map { r in
            var o = LineBuilder()
            o.stringOrNull("client", r.client?.description)
            o.stringOrNull("record", record(r.subject))
            o.string("name", r.name)
            o.string("what", r.what)
            return o.finishedObject()
        }))
        return b.finishedObject()
    }

    /// The id of the record itself (`a301`, `r4`, `cb2`), when it has one of its own.
    static func record(_ s: FigureSubject) -> String? {
        switch s {
        case .session(let a, _): a.description
        case .referral(let r, _): r.description
        case .callback(let cb): cb.description
        case .client, .milestone, .score: nil
        }
    }
}
