import KeepwarmCore

/// `practitioner add --site`: the site is a second event after the practitioner's own (one command, one event), so
/// when it cannot be written the desk is told the practitioner was added and how to finish.
enum PractitionerSite {
    static func record(_ id: PractitionerID, _ site: String, in log: any EventStore, _ desk: Desk) throws {
        do {
            let now = try desk.now(log.practice.calendar)
            try log.append(by: desk.user, at: now) { p in try Command.setPractitionerSite(practitioner: id.description, site: site).event(in: p, now: now) }
        } catch {
            throw CommandError("\(id) was added, but their site could not be recorded (\(userMessage(error))); record it with: keepwarm practitioner edit \(id) --site \(site)")
        }
    }
}
