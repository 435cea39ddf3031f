/// The log itself as a spreadsheet: one row per event, its own fields kept together as one JSON object.
///
/// The fields stay JSON rather than one column each because the 24 event types share almost none: flattened, the
/// sheet would be mostly empty columns, and a new event type would move every column after it.
public enum EventsCSV {
    public static let header = ["seq", "at", "by", "type", "fields"]

    /// `at` stays in UTC exactly as the log writes it, so a row can be matched to its line. Damaged lines are left
    /// out (the command warns about them); a type from a newer version has an empty `fields`.
    public static func table(logLines: [UInt8]) -> CSVSheet {
        var t = CSVSheet(header: header)
        var scratch = DecodeScratch()
        Erasure.forEachLine(logLines) { line, _ in
            switch try? EventCodec.decode(line, scratch: &scratch) {
            case .event(let e)?:
                t.append([.made(String(e.seq)), .made(e.at.iso), .typed(e.by), .made(e.body.type), .typed(fields(of: e, line: line))])
            case .unknown(let type, let seq, let at, let by)?:
                t.append([.made(String(seq)), .made(at.iso), .typed(by), .typed(type), .made("")])
            default:
                break
            }
        }
        return t
    }

    /// The event's fields as its line holds them, without the fields every line has and without its checksum. A line
    /// that another tool wrote in a different order is written out again as Keepwarm would write it.
    static func fields(of e: Event, line: UnsafeBufferPointer<UInt8>) -> String {
        var common = LineBuilder()
        common.int("seq", e.seq)
        common.string("at", e.at.iso)
        common.string("by", e.by)
        common.string("type", e.body.type)
        let prefix = common.bytes
        let tail = EventCodec.crcTailLength
        func object<C: Collection<UInt8>>(_ own: C) -> String {
            "{" + String(decoding: own.dropFirst(own.first == UInt8(ascii: ",") ? 1 : 0), as: UTF8.self) + "}"
        }
        let end = line.count - (line.last == 0x0D ? 1 : 0)
        if end >= prefix.count + tail, line.starts(with: prefix) {
            return object(line[prefix.count..<(end - tail)])
        }
        let again = EventCodec.line(for: e)
        return object(again[prefix.count..<(again.count - 1 - tail)])
    }
}
