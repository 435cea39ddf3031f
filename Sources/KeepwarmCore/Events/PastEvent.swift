extension EventBody {
    /// Whether this type may carry a `when` (be `.past`): the things done with a client that the desk's lists and the
    /// autopilot count from their time, and a status's change (a discharged client is asked for a referral within 30
    /// days of it). Bookings, new clients and settings have their own dates (`appointment.history`, `ImportedHistory`),
    /// so a `when` on them is refused rather than half understood.
    public var mayBePast: Bool {
        switch self {
        case .clientStatusChanged, .touchpointSent, .referralRecorded, .referralThanked, .lapseReviewed, .milestoneReached, .feedbackGiven,
             .autopilotHeld, .autopilotSkipped, .messageAttempted, .messageSent, .messageFailed:
            true
        default:
            false
        }
    }

    /// The event itself, without its `when` if it has one.
    public var present: EventBody {
        if case .past(let inner, _) = self { return inner }
        return self
    }

    /// When the event counts for the rules: its `when`, else the time its line was written.
    public func counted(at written: Instant) -> Instant {
        if case .past(_, let when) = self { return when }
        return written
    }
}

extension EventCodec {
    /// A `.past` event's line: the inner event's line with `"when"` added after its own fields, sealed again. The
    /// canonical reader does not expect the extra field and hands such a line to the general one, which reads it.
    static func pastLine(_ e: Event, _ inner: EventBody, when: Instant) -> [UInt8] {
        let plain = line(for: Event(seq: e.seq, at: e.at, by: e.by, body: inner))
        var out = Array(plain.dropLast(crcTailLength + 1))
        out.append(contentsOf: Array(#","when":"#.utf8))
        LineBuilder.appendQuoted(when.iso, to: &out)
        let crc = CRC32C.checksum(out)
        out.append(contentsOf: Array(#","crc":""#.utf8))
        out.append(contentsOf: CRC32C.hex(crc))
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), UInt8(ascii: "\n")])
        return out
    }
}
