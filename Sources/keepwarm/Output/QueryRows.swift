import KeepwarmCore

/// The `--json` shapes of the query commands: stable keys, documented in Docs/cli.md.
enum QueryJSON {
    static func diary(_ r: DiaryRow) -> [UInt8] {
        var b = LineBuilder()
        b.string("id", r.appointment.id.description)
        b.string("client", r.appointment.client.description)
        b.string("name", r.clientName)
        b.string("practitioner", r.practitionerName)
        b.string("practitionerId", r.appointment.practitioner.description)
        b.string("start", r.appointment.start.iso)
        b.int("minutes", r.appointment.minutes)
        b.string("status", r.appointment.status.rawValue)
        b.strings("flags", r.flags.map(\.rawValue))
        b.string("site", r.appointment.site?.description)
        return b.finishedObject()
    }

    static func lapsed(_ r: LapsedRow, _ cal: PracticeCalendar) -> [UInt8] {
        var b = LineBuilder()
        b.string("client", r.client.description)
        b.string("name", r.name)
        b.string("lastVisit", cal.dateString(r.lastVisit))
        b.int("daysSince", r.daysSince)
        b.int("sessions", r.sessions)
        b.stringOrNull("source", r.source)
        b.stringOrNull("lastTouch", r.lastTouch?.kind.rawValue)
        b.stringOrNull("lastTouchAt", r.lastTouch?.at.iso)
        b.string("next", r.next.rawValue)
        b.string("nextDue", Civil.string(ofDay: r.nextDue))
        return b.finishedObject()
    }

    static func thankYou(_ r: ThankYouRow) -> [UInt8] {
        var b = LineBuilder()
        b.string("id", r.referral.id.description)
        b.string("referrer", r.referral.referrer.description)
        b.string("referrerName", r.referrerName)
        b.string("referred", r.referral.client.description)
        b.string("referredName", r.referredName)
        b.string("recordedAt", r.referral.recordedAt.iso)
        b.string("dueBy", r.dueBy.iso)
        b.double("hoursLeft", (r.hoursLeft * 100).rounded() / 100)
        b.bool("overdue", r.overdue)
        return b.finishedObject()
    }

    static func followUp(_ r: FollowUpRow) -> [UInt8] {
        var b = LineBuilder()
        b.string("client", r.client.description)
        b.string("name", r.name)
        b.string("kind", r.kind.rawValue)
        b.string("dueOn", Civil.string(ofDay: r.dueDay))
        b.stringOrNull("appointment", r.appointment?.description)
        return b.finishedObject()
    }

    static func callback(_ r: CallbackRow) -> [UInt8] {
        var b = LineBuilder()
        b.string("id", r.callback.id.description)
        b.string("name", r.callback.name)
        b.string("phone", r.callback.phone)
        b.stringOrNull("reason", r.callback.reason)
        b.string("promisedBy", r.callback.promisedBy.iso)
        b.bool("overdue", r.overdue)
        b.stringOrNull("client", r.client?.description)
        return b.finishedObject()
    }
}

/// The human tables of the query commands.
enum QueryTables {
    static func diary(_ rows: [DiaryRow], _ cal: PracticeCalendar) -> Table {
        Table(["TIME", "ID", "CLIENT", "WITH", "MIN", "STATUS", "FLAGS"], rows.map {
            [cal.timeString($0.appointment.start), $0.appointment.id.description, $0.clientName, $0.practitionerName,
             String($0.appointment.minutes), $0.appointment.status.rawValue, $0.flags.map(\.rawValue).joined(separator: " ")]
        })
    }

    /// `keepwarm diary --unmarked`: the diary's columns with the date first, since the rows span several days.
    static func unmarked(_ rows: [DiaryRow], _ cal: PracticeCalendar) -> Table {
        Table(["DATE", "TIME", "ID", "CLIENT", "WITH", "MIN", "STATUS", "FLAGS"], rows.map {
            [cal.dateString($0.appointment.start), cal.timeString($0.appointment.start), $0.appointment.id.description, $0.clientName,
             $0.practitionerName, String($0.appointment.minutes), "not marked", $0.flags.map(\.rawValue).joined(separator: " ")]
        })
    }

    static func lapsed(_ rows: [LapsedRow], _ cal: PracticeCalendar) -> Table {
        Table(["ID", "CLIENT", "DAYS", "LAST VISIT", "SESSIONS", "SOURCE", "LAST TOUCH", "NEXT", "DUE"], rows.map {
            [$0.client.description, $0.name, String($0.daysSince), cal.dateString($0.lastVisit), String($0.sessions),
             $0.source ?? "", $0.lastTouch.map { "\($0.kind.rawValue) \(cal.dateString($0.at))" } ?? "",
             $0.next.rawValue, Civil.string(ofDay: $0.nextDue)]
        })
    }

    static func thankYous(_ rows: [ThankYouRow], _ cal: PracticeCalendar) -> Table {
        Table(["ID", "REFERRER", "REFERRED", "RECORDED", "DUE BY", "LEFT"], rows.map {
            [$0.referral.id.description, "\($0.referrerName) (\($0.referral.referrer))", "\($0.referredName) (\($0.referral.client))",
             "\(cal.dateString($0.referral.recordedAt)) \(cal.timeString($0.referral.recordedAt))",
             "\(cal.dateString($0.dueBy)) \(cal.timeString($0.dueBy))", ThankYous.timeLeft(hours: $0.hoursLeft)]
        })
    }

    static func followUps(_ rows: [FollowUpRow]) -> Table {
        Table(["DUE", "ID", "CLIENT", "KIND", "FROM"], rows.map {
            [Civil.string(ofDay: $0.dueDay), $0.client.description, $0.name, $0.kind.rawValue, $0.appointment?.description ?? ""]
        })
    }

    static func callbacks(_ rows: [CallbackRow], _ cal: PracticeCalendar) -> Table {
        Table(["ID", "NAME", "PHONE", "REASON", "PROMISED BY", ""], rows.map {
            [$0.callback.id.description, $0.callback.name, $0.callback.phone, $0.callback.reason ?? "",
             "\(cal.dateString($0.callback.promisedBy)) \(cal.timeString($0.callback.promisedBy))", $0.overdue ? "OVERDUE" : ""]
        })
    }
}
