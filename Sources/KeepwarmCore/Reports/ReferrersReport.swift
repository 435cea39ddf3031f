/// One client who referred others in the period, with how their referrals were thanked.
public struct ReferrerRow: Equatable, Sendable {
    public let client: ClientID
    public let name: String
    /// Referrals recorded in the period with this client as the referrer.
    public let referrals: Figure
    /// Of those, thanked within `thankYouHours` of being recorded.
    public let thankedOnTime: Figure
    /// Thanked, but after the deadline.
    public let thankedLate: Figure
    /// Not thanked by `now` (some may still be inside their window).
    public let notYetThanked: Figure
    /// None of this client's referrals, in the period or before it, has ever been thanked, though at least one is past
    /// its deadline: the star referrer nobody formally acknowledged.
    public let neverThanked: Bool
    /// When their latest referral in the period was recorded.
    public let lastReferral: Instant
}

/// A professional (a GP, a physio) named as the source by new clients in the period.
public struct ProfessionalSourceRow: Equatable, Sendable {
    /// The source as first written: `GP: Riverside Surgery`.
    public let source: String
    /// New clients in the period who gave this source.
    public let newClients: Figure
    /// When the latest of those clients was added.
    public let lastClientAdded: Instant
}

/// Who sends clients to the practice, and whether the practice said thank you in time.
public struct ReferrersReport: Equatable, Sendable {
    public let period: ReportPeriod
    /// The thank-you window in force (`settings.thankYouHours`), in elapsed hours.
    public let thankYouHours: Int
    /// Most referrals first, then by name and id.
    public let referrers: [ReferrerRow]
    /// Most new clients first, then by name.
    public let professionals: [ProfessionalSourceRow]
    /// All referrals recorded in the period.
    public let referrals: Figure
    /// Thanked on time ÷ referrals whose thank-you is settled (thanked) or overdue.
    public let thankedOnTime: Figure
    public let thankedLate: Figure
    public let notYetThanked: Figure
    /// Not thanked and past the deadline.
    public let overdue: Figure
    /// Not thanked, and about a client whose details were since erased (as referrer or referred): nobody may be
    /// thanked for them, so they are not owed and are left out of "not yet thanked", "overdue" and the on-time share.
    public let erased: Figure

    /// The summary's figures in the order every output shows them; "erased" only once there is one, so a practice
    /// that never erased anyone sees no empty line about it.
    public var summary: [Figure] {
        [referrals, thankedOnTime, thankedLate, notYetThanked, overdue] + ((erased.value ?? 0) > 0 ? [erased] : [])
    }

    public static let referralsFormula = "referrals recorded in the period (not undone)"
    public static func onTimeCountFormula(_ h: Int) -> String {
        "referrals recorded in the period that were thanked within \(h) elapsed hours of being recorded"
    }
    public static func lateFormula(_ h: Int) -> String {
        "referrals recorded in the period that were thanked more than \(h) elapsed hours after being recorded"
    }
    public static let notYetFormula = "referrals recorded in the period with no thank-you recorded by now (those about an erased client are counted as erased instead)"
    public static func overdueFormula(_ h: Int) -> String {
        "referrals recorded in the period, not thanked by now, and recorded more than \(h) elapsed hours ago (those about an erased client are counted as erased instead)"
    }
    public static let erasedFormula =
        "referrals recorded in the period, not thanked by now, whose referrer or referred client has since had their details erased: nobody may be contacted about them, so they are not owed"
    public static func onTimeShareFormula(_ h: Int) -> String {
        "referrals thanked within \(h) hours ÷ (referrals thanked + referrals not thanked and past their \(h)-hour deadline); referrals still inside their window are left out, since they can still be thanked on time"
    }
    public static let professionalFormula =
        "clients added in the period whose source contains \":\" (GP: …, Physio: …) and matches this one, ignoring case"

    /// The report's default start: the same date 12 months before today.
    public static func defaultStartDay(_ p: Practice, now: Instant) -> Int {
        ReportCalendar.day(p.calendar.day(of: now), minusMonths: 12)
    }

    /// The referrers report for referrals recorded from local day `since` (default: 12 months back) up to `now`.
    public static func build(_ p: Practice, since: Int? = nil, now: Instant) -> ReferrersReport {
        let period = ReportPeriod(calendar: p.calendar, startDay: since ?? defaultStartDay(p, now: now), now: now)
        let hours = p.settings.thankYouHours
        func deadline(_ r: Referral) -> Instant { r.recordedAt.adding(hours: hours) }
        func thanked(_ r: Referral) -> Instant? { r.thankedAt.flatMap { $0 <= now ? $0 : nil } }
        func live(_ r: Referral) -> Bool {
            !r.withdrawn && r.recordedAt <= now && !p.clients[r.referrer.index].withdrawn && !p.clients[r.client.index].withdrawn
        }

        // Each figure keeps the referrals it counts (the drill-down), so its numbers are the lengths of these lists.
        struct Tally {
            var n: [FigureSubject] = [], onTime: [FigureSubject] = [], late: [FigureSubject] = [], notYet: [FigureSubject] = []
            var overdue: [FigureSubject] = [], erased: [FigureSubject] = []
            /// Thanked, or past the deadline unthanked: the on-time share's denominator.
            var owed: [FigureSubject] = []
            var last = Instant(ms: .min)
            mutating func add(_ r: Referral, thankedAt: Instant?, deadline: Instant, now: Instant, erasedClient: Bool) {
                let s = FigureSubject.referral(r.id, referrer: r.referrer)
                n.append(s)
                if let at = thankedAt {
                    if at <= deadline { onTime.append(s) } else { late.append(s) }
                    owed.append(s)
                } else if erasedClient {
                    erased.append(s)
                } else {
                    notYet.append(s)
                    if now > deadline { overdue.append(s); owed.append(s) }
                }
                last = max(last, r.recordedAt)
            }
        }
        var byReferrer: [ClientID: Tally] = [:]
        var all = Tally()
        for r in p.referrals where live(r) && period.contains(r.recordedAt) {
            let gone = Contactable.isErased(.referral(r.id), in: p)
            byReferrer[r.referrer, default: Tally()].add(r, thankedAt: thanked(r), deadline: deadline(r), now: now, erasedClient: gone)
            all.add(r, thankedAt: thanked(r), deadline: deadline(r), now: now, erasedClient: gone)
        }

        let referrers = byReferrer.map { id, t -> ReferrerRow in
            let c = p.clients[id.index]
            let ever = c.referralsMade.map { p.referrals[$0.index] }.filter(live)
            let never = ever.allSatisfy { thanked($0) == nil } && ever.contains { now > deadline($0) && !Contactable.isErased(.referral($0.id), in: p) }
            return ReferrerRow(
                client: id, name: c.name,
                referrals: .count("referrals", "Referrals", t.n, unit: .referrals, formula: "referrals recorded in the period with this client as the referrer"),
                thankedOnTime: .count("thankedOnTime", "Thanked on time", t.onTime, unit: .referrals, formula: onTimeCountFormula(hours)),
                thankedLate: .count("thankedLate", "Thanked late", t.late, unit: .referrals, formula: lateFormula(hours)),
                notYetThanked: .count("notYetThanked", "Not yet thanked", t.notYet, unit: .referrals, formula: notYetFormula),
                neverThanked: never, lastReferral: t.last)
        }.sorted { a, b in
            if a.referrals.value != b.referrals.value { return (a.referrals.value ?? 0) > (b.referrals.value ?? 0) }
            if a.name.lowercased() != b.name.lowercased() { return a.name.lowercased() < b.name.lowercased() }
            return a.client < b.client
        }

        var pros: [String: (source: String, n: [FigureSubject], last: Instant)] = [:]
        for c in p.clients where !c.withdrawn && period.contains(c.firstSeen) && SourceKey.isProfessional(c.source) {
            let key = SourceKey.key(c.source)!
            var e = pros[key] ?? (SourceKey.display(c.source)!, [], c.firstSeen)
            e.n.append(.client(c.id))
            e.last = max(e.last, c.firstSeen)
            pros[key] = e
        }
        let professionals = pros.values
            .sorted { $0.n.count != $1.n.count ? $0.n.count > $1.n.count : $0.source.lowercased() < $1.source.lowercased() }
            .map { ProfessionalSourceRow(source: $0.source,
                                         newClients: .count("newClients", "New clients", $0.n, unit: .clients, formula: professionalFormula),
                                         lastClientAdded: $0.last) }

        return ReferrersReport(
            period: period, thankYouHours: hours, referrers: referrers, professionals: professionals,
            referrals: .count("referrals", "Referrals recorded", all.n, unit: .referrals, formula: referralsFormula),
            thankedOnTime: .share("thankedOnTime", "Thanked on time", all.onTime, of: all.owed,
                                  formula: onTimeShareFormula(hours)),
            thankedLate: .count("thankedLate", "Thanked late", all.late, unit: .referrals, formula: lateFormula(hours)),
            notYetThanked: .count("notYetThanked", "Not yet thanked", all.notYet, unit: .referrals, formula: notYetFormula),
            overdue: .count("overdue", "Not thanked, overdue", all.overdue, unit: .referrals, formula: overdueFormula(hours)),
            erased: .count("erased", "Not thanked, erased", all.erased, unit: .referrals, formula: erasedFormula))
    }
}
