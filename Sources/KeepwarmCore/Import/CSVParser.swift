/// Splits CSV text into records of fields (RFC 4180 as spreadsheets write it): a field starting with `"` runs to the
/// closing quote, with `""` for a quote and line breaks kept inside, and any text after the closing quote read on as
/// part of the field (`"Google" extra` is `Google extra`); elsewhere a quote is only a character (`5" 4`);
/// CRLF, LF and a lone CR end a record. It works on the text's UTF-8 bytes, which every delimiter and quote is one of,
/// so a 200,000-row file is split in a fraction of a second (the CSV.swift reader it replaces, going character by
/// character, took about 1.5 s; see Docs/benchmarks.md).
enum CSVParser {
    static func records(_ text: String, delimiter: UInt8) -> [[String]] {
        var text = text
        return text.withUTF8 { records($0, delimiter: delimiter) }
    }

    static func records(_ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> [[String]] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var out: [[String]] = []
        var row: [String] = []
        var i = 0
        let n = b.count
        guard n > 0 else { return [] }
        while true {
            // One field, starting at i.
            var end = false
            if i < n && b[i] == quote {
                var field: [UInt8] = []
                i += 1
                while i < n {
                    if b[i] == quote {
                        if i + 1 < n && b[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        if i + 1 >= n || b[i + 1] == delimiter || b[i + 1] == cr || b[i + 1] == lf {
                            i += 1
                            break
                        }
                        // Text after the closing quote (`"Google" extra`, `"Goo"gle`): the quoted part ends here and
                        // the rest of the field is read as unquoted text, as Excel and Python's csv module read it.
                        // Staying inside the quotes would swallow every row after it into this field (QA).
                        i += 1
                        while i < n && b[i] != delimiter && b[i] != cr && b[i] != lf {
                            field.append(b[i])
                            i += 1
                        }
                        break
                    }
                    field.append(b[i])
                    i += 1
                }
                row.append(String(decoding: field, as: UTF8.self))
            } else {
                let start = i
                while i < n && b[i] != delimiter && b[i] != cr && b[i] != lf { i += 1 }
                row.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
            if i >= n {
                end = true
            } else if b[i] == delimiter {
                i += 1
                continue
            } else {
                // A line end: CRLF is one.
                if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 1 }
                i += 1
                end = true
            }
            if end {
                out.append(row)
                row = []
                if i >= n { break }
            }
        }
        return out
    }
}
