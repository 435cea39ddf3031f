import Foundation

/// The practice's settings that the desk's lists and the autopilot consult, as the history file's `setting` rows:
/// the retention sequence's days, the thank-you hours, the country, each step's autopilot policy and the send window.
/// A move keeps them, or the new log would list (or send) what the old one did not.
public enum HistorySettings {
    /// Each setting's name and value as text, in a fixed order.
    public static func values(_ s: Settings) -> [(name: String, value: String)] {
        var out: [(String, String)] = [
            ("lapse days", String(s.lapseDays)), ("rebook prompt days", String(s.rebookPromptDays)),
            ("check-in days", String(s.checkInDays)), ("reactivation days", String(s.reactivationDays)),
            ("follow-up call days", String(s.followUpCallDays)), ("thank-you hours", String(s.thankYouHours)),
            ("stale thank-you days", String(s.staleThankYouDays)), ("country", s.country),
        ]
        for step in AutopilotStep.allCases { out.append(("autopilot \(step.rawValue)", s.autopilot.policy(step).text)) }
        let w = s.autopilot.window
        out.append(("autopilot window", "\(w.hoursText) \(w.daysText) cap \(w.cap)"))
        return out
    }

    /// The event that sets `name` to `value` when the practice has another value, nil when it has that one already;
    /// throws the reason when the value cannot be read.
    public static func event(_ name: String, _ value: String, _ s: Settings) throws(CommandError) -> EventBody? {
        if let current = values(s).first(where: { $0.name == name })?.value, current == value { return nil }
        func number() throws(CommandError) -> Int {
            guard let n = Int(value), LogBounds.setting.contains(n) else { throw CommandError("'\(name)' must be a whole number, not '\(value)'") }
            return n
        }
        switch name {
        case "lapse days": return .settingsChanged(SettingsChange(lapseDays: try number()))
        case "rebook prompt days": return .settingsChanged(SettingsChange(rebookPromptDays: try number()))
        case "check-in days": return .settingsChanged(SettingsChange(checkInDays: try number()))
        case "reactivation days": return .settingsChanged(SettingsChange(reactivationDays: try number()))
        case "follow-up call days": return .settingsChanged(SettingsChange(followUpCallDays: try number()))
        case "thank-you hours": return .settingsChanged(SettingsChange(thankYouHours: try number()))
        case "stale thank-you days": return .settingsChanged(SettingsChange(staleThankYouDays: try number()))
        case "country":
            guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw CommandError("'country' must be a two-letter code like GB, not '\(value)'")
            }
            return .settingsChanged(SettingsChange(country: value))
        case "autopilot window":
            let parts = value.split(separator: " ").map(String.init)
            guard parts.count == 4, parts[2] == "cap", let cap = Int(parts[3]), AutopilotWindow.caps.contains(cap),
                  case .success(let hours) = AutopilotWindow.parseHours(parts[0]), case .success(let days) = AutopilotWindow.parseDays(parts[1])
            else { throw CommandError("'autopilot window' must read like '09:00-18:00 mon,tue,wed,thu,fri cap 200', not '\(value)'") }
            return .autopilotWindow(AutopilotWindow(from: hours.0, to: hours.1, days: days, cap: cap))
        default:
            guard name.hasPrefix("autopilot "), let step = AutopilotStep(rawValue: String(name.dropFirst("autopilot ".count))) else {
                throw CommandError("'\(name)' is not a setting Keepwarm knows")
            }
            let words = value.split(separator: " ", maxSplits: 1).map(String.init)
            guard let policy = words.first.flatMap(AutopilotPolicy.init(rawValue:)) else {
                throw CommandError("'\(name)' must be auto (with its channels), desk or off, not '\(value)'")
            }
            var channels: [AutopilotChannel] = []
            if words.count == 2 {
                for c in words[1].trimmingCharacters(in: CharacterSet(charactersIn: "()")).split(separator: ",") {
                    guard let ch = AutopilotChannel(rawValue: c.trimmed) else { throw CommandError("'\(name)': '\(c)' is not a channel (email, sms, letter)") }
                    channels.append(ch)
                }
            }
            return .autopilotPolicy(step, StepPolicy(policy, channels: channels))
        }
    }
}
