import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decoded line held back by one line while its seq is judged (`SeqRule`), with its 1-based line number.
struct HeldLine {
    let line: Int
    let decoded: DecodedLine
    let keepingUndo: Bool
}

/// One line decoded, with what the reader needs to account for it, ready to apply in order.
struct LineOutcome: Sendable {
    /// Bytes in the line before its newline (a CR included).
    let length: Int
    let crlf: Bool
    let bom: Bool
    let decoded: Result<DecodedLine, LineDamage>
    /// Set by a decoding thread when the same person's next event in the batch replaces this one as their last action.
    var undoSuperseded = false

    static func decode(_ raw: UnsafeBufferPointer<UInt8>, isFirst: Bool, scratch: inout DecodeScratch) -> LineOutcome {
        var line = raw
        let crlf = line.last == 0x0D
        if crlf { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        let bom = isFirst && line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF
        if bom { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
        let result: Result<DecodedLine, LineDamage>
        do {
            result = .success(try EventCodec.decode(line, scratch: &scratch))
        } catch {
            result = .failure(error)
        }
        return LineOutcome(length: raw.count, crlf: crlf, bom: bom, decoded: result)
    }
}

/// A batch the file ends inside: its `batch.begun` line and the events of it written so far.
public struct UnfinishedBatch: Equatable, Sendable {
    /// The line of its `batch.begun`.
    public let line: Int
    public let kind: BatchKind
    /// How many events the batch holds, and how many of them are complete lines in the file.
    public let events: Int
    public let written: Int

    /// `an unfinished import (479 of its 200000 events written)`.
    public var description: String {
        "an unfinished \(kind == .imported ? "import" : "batch of events") (\(written) of its \(events) events written)"
    }
}
