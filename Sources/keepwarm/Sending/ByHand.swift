import KeepwarmConsole
import KeepwarmCore

extension MessageRequest {
    /// The autopilot's try at this same message, when the desk sending it by hand would make it go twice
    /// (`AutopilotPlan.autopilotTry`).
    func autopilotTry(in p: Practice, now: Instant) -> Attempt? {
        switch self {
        case .followUp(let c, let k):
            guard let step = AutopilotStep(touchpoint: k) else { return nil }
            return AutopilotPlan.autopilotTry(client: c, step: step, referral: nil, in: p, now: now)
        case .thankYou(let r):
            guard p.referrals.indices.contains(r.index) else { return nil }
            return AutopilotPlan.autopilotTry(client: p.referrals[r.index].referrer, step: .referralThankYou, referral: r, in: p, now: now)
        }
    }

    /// Refuses sending by hand what the autopilot sent or is sending; a sent one may go again when asked on purpose.
    func refuseIfAutopilotHasIt(in p: Practice, now: Instant, again: Bool) throws(CommandError) {
        guard let a = autopilotTry(in: p, now: now) else { return }
        if again, case .sent = a.outcome { return }
        throw AutopilotPlan.byHandRefusal(a, in: p, again: "--again")
    }
}
