import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// Issue 12, section 3: one rule for whose record is this. The diary's callback flag, the callbacks list,
/// export-client, erase and import's duplicate finder must give the same answer for every case.
@Suite struct OwnershipTests {
    /// A client, a callback taken from someone, and whether the callback's phone and name are the client's.
    struct Case: CustomStringConvertible {
        let client: (name: String, phone: String)
        let caller: (name: String, phone: String)
        let samePhone: Bool
        let sameName: Bool
        var description: String { "\(caller) vs client \(client)" }
    }

    static let cases: [Case] = [
        // The issue's example: the diary flagged it, export-client and erase missed it.
        Case(client: ("Mo Farah", "+44 7700 900777"), caller: ("Mohamed Farah", "07700 900777"), samePhone: true, sameName: false),
        Case(client: ("Mo Farah", "07700 900777"), caller: ("M Farah", "447700900777"), samePhone: true, sameName: false),
        Case(client: ("Mo Farah", "07700900777"), caller: ("M Farah", "0044 (0)7700-900777"), samePhone: true, sameName: false),
        Case(client: ("Mo Farah", "07700 900777"), caller: ("Someone", "07700 900778"), samePhone: false, sameName: false),
        Case(client: ("Ada Lovelace", "07700 900123"), caller: ("ADA  LOVELACE", "01632 960001"), samePhone: false, sameName: true),
        Case(client: ("Ada Lovelace", "0033 612345678"), caller: ("Stranger", "+33 6 12 34 56 78"), samePhone: true, sameName: false),
        // Same last nine digits, different countries: not the same number (the diary's old rule said it was).
        Case(client: ("Ada Lovelace", "+44 212 555 0100"), caller: ("Stranger", "+1 212 555 0100"), samePhone: false, sameName: false),
        Case(client: ("Mo Farah", "07700 900777"), caller: ("Stranger", "900777"), samePhone: false, sameName: false),
    ]

    @Test(arguments: cases) func everyModuleGivesTheSameAnswer(_ c: Case) throws {
        let f = try Fixture()
        try f.run("2026-03-01 09:00", .addClient(ClientDraft(name: "Bob Stone", phone: "01632 960999")))
        let client = try f.run("2026-03-01 09:00", .addClient(ClientDraft(name: c.client.name, phone: c.client.phone)))
        guard case .clientAdded(let n) = client.body else { Issue.record("no client"); return }
        try f.run("2026-03-01 09:05", .addCallback(name: c.caller.name, phone: c.caller.phone, reason: "wants Tuesdays", by: f.t("2026-03-01 17:00")))
        try f.run("2026-03-01 09:10", .book(client: n.id.description, practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        let belongs = c.samePhone || c.sameName

        let rule = Ownership(f.p)
        #expect(rule.callback(f.p.callbacks[0], belongsTo: Ownership.Details(f.p.clients[n.id.index])) == belongs)
        // The diary flags the client's row.
        #expect(Diary.rows(f.p, day: Civil.days(2026, 3, 2)).first!.flags.contains(.callbackOwed) == belongs, "diary")
        // The callbacks list names the client the callback is from.
        #expect(CallbacksOwed.rows(f.p, now: f.t("2026-03-01 10:00"), naming: true).first!.client == (belongs ? n.id : nil), "callbacks list")
        // export-client holds the callback and its line.
        let doc = try JSONSerialization.jsonObject(with: Data(ClientExport.json(n.id, in: f.p, logLines: f.bytes(), at: f.t("2026-03-01 10:00")))) as! [String: Any]
        #expect((doc["callbacks"] as! [Any]).count == (belongs ? 1 : 0), "export-client")
        #expect((doc["events"] as! [[String: Any]]).contains { $0["type"] as? String == "callback.added" } == belongs, "export-client events")
        // Import finds a duplicate by phone for the client's name with the caller's phone, and by name the other way.
        let byPhone = try importPlan(f, name: c.client.name, phone: c.caller.phone)
        #expect(byPhone.duplicates.count == (c.samePhone ? 1 : 0), "import duplicate by phone")
        let byName = try importPlan(f, name: c.caller.name, phone: c.client.phone)
        #expect(byName.duplicates.count == (c.sameName ? 1 : 0), "import duplicate by name")
        // erase takes the callback with the client.
        _ = try Erasure.erase(n.id, in: f.log, by: "owner", at: f.t("2026-03-01 11:00"))
        #expect((f.p.callbacks[0].name == Erasure.placeholder) == belongs, "erase")
        let text = String(decoding: f.bytes(), as: UTF8.self)
        #expect(text.contains(c.caller.phone) == !belongs, "erase rewrote the callback's line")
    }

    func importPlan(_ f: Fixture, name: String, phone: String) throws -> ImportPlan {
        let t = try CSVTable.parse(Array("Name,Phone\n\"\(name)\",\"\(phone)\"\n".utf8), file: "clients.csv")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: false)
        return ClientImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-03-01 10:00"))
    }

    @Test func phonesAreComparedByTheirDigitsInThePracticesCountry() {
        let uk = Ownership(timeZone: "Europe/London")
        for form in ["07700 900777", "+44 7700 900777", "447700900777", "0044 7700 900777", "+44 (0)7700 900777", "07700-900-777"] {
            #expect(uk.phoneKey(form) == "7700900777", "\(form)")
        }
        #expect(uk.phoneKey("+33 6 12 34 56 78") == "+33612345678")
        #expect(uk.phoneKey("0033 6 12 34 56 78") == "+33612345678")
        #expect(uk.phoneKey("1234") == nil, "too short to be anyone's number")
        // In Ireland, +353 is the practice's own code and +44 is abroad.
        let ie = Ownership(timeZone: "Europe/Dublin")
        #expect(ie.phoneKey("+353 87 123 4567") == ie.phoneKey("087 123 4567"))
        #expect(ie.phoneKey("+44 7700 900777") == "+447700900777")
        #expect(Ownership(timeZone: "Australia/Sydney").callingCode == "61")
        #expect(Ownership(timeZone: "Mars/Olympus").callingCode == "44", "an unknown zone is read as the UK's")
        #expect(Ownership.nameKey("  ADA\tLovelace ") == "ada lovelace")
        #expect(Ownership.nameKey(Erasure.placeholder) == nil, "the placeholder is nobody's name")
        #expect(Ownership.emailKey(" Ada@Example.ORG ") == "ada@example.org")
    }

    /// `sameClient` compares ASCII names by their bytes rather than folding each through Foundation: it must answer as
    /// the full fold does for every name, ASCII or not, with any spacing and case, and for the erased placeholder.
    @Test func theByteComparisonOfNamesAgreesWithTheFullFold() {
        let parts = ["Ada", "ADA", "ada", "Zoë", "Zoe\u{0308}", "Brontë", "BRONTE", " ", "  ", "\t", "\n", "\u{A0}", "(erased)",
                     "(ERASED)", "(erasèd)", "Strauß", "STRAUSS", "ǅ", "O'Neil", "Ø", "e\u{301}", "-", "", "İ", "ß", "ﬁ", "Ａ"]
        var names = parts
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { names.append((0..<Int.random(in: 1...4, using: &g)).map { _ in parts.randomElement(using: &g)! }.joined()) }
        // Every ASCII byte, alone and between letters, in both places.
        for b in UInt8(0)..<0x80 { names.append(String(decoding: [b], as: UTF8.self)); names.append("A" + String(decoding: [b], as: UTF8.self) + "b") }
        let keys = Array(Set(names.compactMap(Ownership.lookAlikeKey)))
        for name in names {
            // Its own key, the placeholder (which "(erasèd)" folds to), and a few others.
            for key in [Ownership.lookAlikeKey(name), "(erased)"].compactMap({ $0 }) + (0..<8).map({ _ in keys.randomElement(using: &g)! }) {
                let full = Ownership.lookAlikeKey(name) == key
                #expect(Ownership.lookAlike(name, hasKey: Array(key.utf8), key) == full, "\(name.debugDescription) against \(key.debugDescription)")
            }
        }
    }

    @Test func aNewClientWithTheNameAndPhoneOfOneOnTheBooksIsFoundAmongMany() throws {
        let f = try Fixture()
        for i in 0..<300 { try f.run("2026-03-01 09:00", .addClient(ClientDraft(name: "Person \(i)", phone: "01632 96\(String(format: "%04d", i))"))) }
        try f.run("2026-03-01 09:00", .addClient(ClientDraft(name: "Zoë  Brontë", phone: "07700 900777")))
        let rule = Ownership(f.p)
        #expect(rule.sameClient(name: "zoe bronte", phone: "+44 7700 900777", email: nil, in: f.p)?.client.id == ClientID(301))
        #expect(rule.sameClient(name: "PERSON   17", phone: "01632 960017", email: nil, in: f.p)?.by == "phone")
        #expect(rule.sameClient(name: "Person 17", phone: "01632 960018", email: nil, in: f.p) == nil, "same name, another number")
        #expect(rule.sameClient(name: "Person 170", phone: "01632 960017", email: nil, in: f.p) == nil, "another name, same number")
    }
}
