import Testing
@testable import KeepwarmCore

/// Which touchpoints are messages to a client and which are tasks for the desk is said once, on `TouchpointKind`.
@Suite struct TouchpointAudienceTests {
    @Test func onlyTheFollowUpCallIsADeskTaskAndOnlyItIsRefusedForSending() {
        for kind in TouchpointKind.allCases {
            let desk = kind == .followUpCall
            #expect(kind.audience == (desk ? .desk : .client), "\(kind)")
            #expect((kind.refusalToSend(client: "c1") != nil) == desk, "\(kind)")
        }
        let refusal = TouchpointKind.followUpCall.refusalToSend(client: "c7")!.message
        #expect(refusal.hasPrefix("follow-up-call is a call for the desk, not a message"))
        #expect(refusal.contains("keepwarm touch c7 --kind follow-up-call --via phone --outcome"))
        #expect(!refusal.contains("\n"))
    }

    @Test func aCallIsRecordedViaPhoneWhenAnsweredOrVoicemailAndNotAtAllWithNoAnswer() {
        #expect(CallOutcome.answered.command(client: "c1", kind: .followUpCall, note: nil) == .touch(client: "c1", kind: .followUpCall, via: .phone, note: nil))
        #expect(CallOutcome.voicemail.command(client: "c1", kind: .followUpCall, note: nil) == .touch(client: "c1", kind: .followUpCall, via: .phone, note: "Left voicemail"))
        #expect(CallOutcome.voicemail.command(client: "c1", kind: .followUpCall, note: "asked to call back") == .touch(client: "c1", kind: .followUpCall, via: .phone, note: "Left voicemail: asked to call back"))
        #expect(CallOutcome.noAnswer.command(client: "c1", kind: .followUpCall, note: nil) == nil)
        #expect(CallOutcome.choices == "answered, voicemail or no-answer")
    }
}
