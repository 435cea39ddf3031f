import Testing
@testable import KeepwarmCore

/// The records a large practice holds most of keep their compact layout (Records.swift): at 4M events a million
/// touchpoints, 1.1 million appointments and 180,000 clients, and their size is most of what reading them costs
/// (Docs/performance.md, "The snapshot, round four"). A field added in the wrong place grows them by its padding.
@Suite struct RecordsLayoutTests {
    @Test func theRecordsAPracticeHoldsMostOfStayCompact() {
        #expect(MemoryLayout<Appointment>.stride <= 96)
        #expect(MemoryLayout<Client>.stride <= 240)
        #expect(MemoryLayout<Touchpoint>.stride <= 56)
    }

    /// The optional fields stored without a presence byte read back as set, nil included.
    @Test func optionalFieldsStoredWithoutAPresenceByteReadBackAsSet() {
        let t = Instant(ms: 1_700_000_000_000)
        var a = Appointment(id: AppointmentID(1), client: ClientID(2), practitioner: PractitionerID(1), start: t, minutes: 50, bookedAt: t)
        #expect(a.settledAt == nil && a.importedAt == nil && a.site == nil && a.minutes == 50 && a.revisions == 0)
        a.settledAt = t; a.importedAt = Instant(ms: 0); a.site = SiteID(3); a.minutes = 600; a.revisions += 1
        #expect(a.settledAt == t && a.importedAt == Instant(ms: 0) && a.site == SiteID(3) && a.minutes == 600 && a.revisions == 1)
        a.settledAt = nil; a.importedAt = nil; a.site = nil
        #expect(a.settledAt == nil && a.importedAt == nil && a.site == nil)
        var c = Client(id: ClientID(1), name: "Ana", contact: true, newsletter: false, addedAt: t, firstSeen: t)
        #expect(c.referredBy == nil && c.cadence == nil && c.erasedAt == nil && c.snoozedUntilDay == nil && c.lastContactedAt == nil)
        c.referredBy = ClientID(7); c.cadence = 0; c.erasedAt = Instant(ms: -1); c.snoozedUntilDay = 0; c.lastContactedAt = t
        #expect(c.referredBy == ClientID(7) && c.cadence == 0 && c.erasedAt == Instant(ms: -1) && c.snoozedUntilDay == 0 && c.lastContactedAt == t)
        c.referredBy = nil; c.cadence = nil; c.erasedAt = nil; c.snoozedUntilDay = nil; c.lastContactedAt = nil
        #expect(c == Client(id: ClientID(1), name: "Ana", contact: true, newsletter: false, addedAt: t, firstSeen: t))
    }
}
