import Foundation
import Testing
@testable import KeepwarmCore
import KeepwarmTestSupport

/// A VTIMEZONE's TZNAMEs come from the system's TZif files (Foundation on Linux says `GMT+1`), and fall back to the
/// offset written as the zone database writes one (`+01`) when there is no file to read.
@Suite struct ICSZoneNamesTests {
    static let zoneinfo = "/usr/share/zoneinfo"

    func at(_ iso: String) -> Instant { Instant(ISO8601DateFormatter().date(from: iso)!) }

    @Test func namesComeFromTheZoneFileOnBothSidesOfEachChange() {
        let london = ICSZoneNames.load("Europe/London", directory: Self.zoneinfo)
        #expect(london.name(at: at("2026-07-01T12:00:00Z"), offset: 3600) == "BST")
        #expect(london.name(at: at("2026-01-01T12:00:00Z"), offset: 0) == "GMT")
        // After the file's last listed transition the footer's TZ string (GMT0BST,M3.5.0/1,M10.5.0) names the times.
        #expect(london.name(at: at("2091-07-01T12:00:00Z"), offset: 3600) == "BST")
        #expect(london.name(at: at("2091-12-01T12:00:00Z"), offset: 0) == "GMT")
        let cases: [(String, String, Int, String)] = [
            ("Europe/Berlin", "2026-07-01T12:00:00Z", 7200, "CEST"), ("Europe/Berlin", "2026-01-01T12:00:00Z", 3600, "CET"),
            ("America/New_York", "2026-07-01T12:00:00Z", -14400, "EDT"), ("America/New_York", "2026-01-01T12:00:00Z", -18000, "EST"),
            ("Australia/Sydney", "2026-01-01T12:00:00Z", 39600, "AEDT"), ("Australia/Sydney", "2026-07-01T12:00:00Z", 36000, "AEST"),
            ("Pacific/Auckland", "2026-01-01T12:00:00Z", 46800, "NZDT"), ("Pacific/Auckland", "2026-07-01T12:00:00Z", 43200, "NZST"),
            ("Asia/Kolkata", "2026-07-01T12:00:00Z", 19800, "IST"), ("Asia/Dubai", "2026-07-01T12:00:00Z", 14400, "+04"),
        ]
        for (zone, when, offset, name) in cases {
            #expect(ICSZoneNames.load(zone, directory: Self.zoneinfo).name(at: at(when), offset: offset) == name, "\(zone) \(when)")
        }
        // The system's calendar is what times act on: a name whose offset disagrees with it is not used. The newest
        // name the zone ever gave that offset is (London's +02 was double summer time in the 1940s), else the offset.
        #expect(london.name(at: at("2026-07-01T12:00:00Z"), offset: 7200) == "BDST")
        #expect(london.name(at: at("2026-07-01T12:00:00Z"), offset: -3600) == "-01")
    }

    @Test func withoutAZoneFileTheNameIsTheOffset() {
        let none = ICSZoneNames.load("Europe/London", directory: "/nonexistent")
        #expect(none.name(at: at("2026-07-01T12:00:00Z"), offset: 3600) == "+01")
        #expect(ICSZoneNames.numeric(0) == "+00" && ICSZoneNames.numeric(-10800) == "-03")
        #expect(ICSZoneNames.numeric(19800) == "+0530" && ICSZoneNames.numeric(-(9 * 3600 + 30 * 60)) == "-0930")
        #expect(ICSZoneNames.numeric(-(3600 + 15 * 60 + 36)) == "-011536")
        // Only a zone id chooses the file: a path that climbs out, an absolute one, or a file that is not TZif is no
        // source of names.
        for id in ["../../../etc/passwd", "/etc/passwd", "Europe/../../../../etc/passwd", "Europe//London", "", "zone.tab"] {
            #expect(ICSZoneNames.load(id, directory: Self.zoneinfo).name(at: at("2026-07-01T12:00:00Z"), offset: 3600) == "+01", "\(id)")
        }
    }

    /// A damaged zone file (cut short anywhere, or with bytes changed) is read or refused, never a crash, and a name
    /// still comes out.
    @Test func aDamagedZoneFileIsNeverACrash() throws {
        let whole = [UInt8](try #require(FileManager.default.contents(atPath: Self.zoneinfo + "/Europe/London")))
        #expect(ICSZoneNames.parse(whole) != nil)
        for n in 0..<whole.count {
            let names = ICSZoneNames.parse(Array(whole.prefix(n))) ?? .numericOnly
            #expect(!names.name(at: at("2026-07-01T12:00:00Z"), offset: 3600).isEmpty)
        }
        var rng = SplitMix64(seed: 15)  // seeded, so a failure repeats
        for _ in 0..<2000 {
            var b = whole
            for _ in 0..<4 { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            let names = ICSZoneNames.parse(b) ?? .numericOnly
            #expect(!names.name(at: at("2026-07-01T12:00:00Z"), offset: 3600).isEmpty)
        }
    }

    @Test func theFootersNamesAndOffsets() {
        func f(_ s: String) -> [String] {
            let r = ICSZoneNames.footer(s)
            return [r.standard.map { "\($0.0) \($0.1)" } ?? "-", r.daylight.map { "\($0.0) \($0.1)" } ?? "-"]
        }
        #expect(f("GMT0BST,M3.5.0/1,M10.5.0") == ["GMT 0", "BST 3600"])
        #expect(f("AEST-10AEDT,M10.1.0,M4.1.0/3") == ["AEST 36000", "AEDT 39600"])
        #expect(f("EST5EDT,M3.2.0,M11.1.0") == ["EST -18000", "EDT -14400"])
        #expect(f("NST3:30NDT,M3.2.0,M11.1.0") == ["NST -12600", "NDT -9000"])
        #expect(f("<+0530>-5:30") == ["+0530 19800", "-"])
        #expect(f("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1") == ["-03 -10800", "-02 -7200"])
        #expect(f("IST-1GMT0,M10.5.0,M3.5.0/1") == ["IST 3600", "GMT 0"])
        #expect(f("") == ["-", "-"] && f("<+05") == ["-", "-"])
    }

    /// The names reach the VTIMEZONE: Foundation's `GMT+1` nowhere, with the zone file or without it.
    @Test func theVTimeZoneCarriesTheNames() {
        let zone = TimeZone(identifier: "Australia/Sydney")!
        let lines = ICSTimeZone.lines(zone, from: at("2026-06-01T00:00:00Z"), to: at("2026-06-01T00:00:00Z"),
                                      names: .load("Australia/Sydney", directory: Self.zoneinfo))
        #expect(lines.contains("TZNAME:AEDT") && lines.contains("TZNAME:AEST"))
        #expect(!lines.contains { $0.hasPrefix("TZNAME:GMT") })
        let bare = ICSTimeZone.lines(zone, from: at("2026-06-01T00:00:00Z"), to: at("2026-06-01T00:00:00Z"), names: .numericOnly)
        #expect(bare.contains("TZNAME:+11") && bare.contains("TZNAME:+10"))
    }

    @Test func initialsOfTheGivenAndFamilyName() {
        #expect(ICSInitials.of("Zoë Brontë") == "Z.B.")
        #expect(ICSInitials.of("Brontë, Zoë") == "Z.B.")
        #expect(ICSInitials.of("zoë brontë") == "Z.B.")
        #expect(ICSInitials.of("Mary Ann de la Cruz") == "M.C.")
        #expect(ICSInitials.of("Zoë O'Brien; Jr") == "Z.O.")
        #expect(ICSInitials.of("Seán O'Brien, Jr.") == "S.O.")
        #expect(ICSInitials.of("Cher") == "C.")
        #expect(ICSInitials.of("  'Ada'   \"Lovelace\" ") == "A.L.")
        #expect(ICSInitials.of("=HYPERLINK(\"http://evil\")") == "H.")
        #expect(ICSInitials.of("") == nil && ICSInitials.of("123 456") == nil)
        // The given name an import recorded comes first, whatever the order of the name.
        #expect(ICSInitials.of("Wang Xiaoming", given: "Xiaoming") == "X.W.")
        #expect(ICSInitials.of("Brontë, Zoë", given: "Zoë") == "Z.B.")
        #expect(ICSInitials.of("Brontë Jr, Zoë Ann", given: "Zoë Ann") == "Z.B.")
        #expect(ICSInitials.of("Xiaoming", given: "Xiaoming") == "X.")
    }

    @Test func theOrganizerIsThePracticeAtAnAddressThatReachesNoStrangerWithoutOne() {
        #expect(ICSOrganizer(name: "Riverside Rooms", address: nil).line == "ORGANIZER;CN=\"Riverside Rooms\":mailto:noreply@invalid")
        #expect(ICSOrganizer(name: "Riverside, \"Rooms\"; A:B\u{1B}", address: "desk@riverside.example").line
            == "ORGANIZER;CN=\"Riverside, 'Rooms'; A:B\u{FFFD}\":mailto:desk@riverside.example")
        #expect(ICSOrganizer(name: "a^n b^^ c^\"d\" e^x ^", address: nil).line == "ORGANIZER;CN=\"a^^n b^^^ c^^'d' e^x ^\":mailto:noreply@invalid")
        #expect(ICSOrganizer(name: "R", address: "zoë+rooms@example.org").line == "ORGANIZER;CN=\"R\":mailto:zo%C3%AB+rooms@example.org")
    }
}
