/// Every event type the log holds, by the name its `type` field carries (Docs/event-log.md, "Event types").
///
/// Nothing here may be forgotten silently: `EventBody.kind` maps each body to its type with a switch that has no
/// `default:`, so a new body case does not compile until it has a type here; the reader dispatches on this enum with
/// a switch that has no `default:` either, so a new type does not compile until it is read; the erasure's switch over
/// bodies lists every case; and EventTypeTests writes, reads (both readers), replays and erases one of each.
public enum EventType: String, LogWord {
    case settingsChanged = "settings.changed"
    case practitionerAdded = "practitioner.added"
    case practitionerEdited = "practitioner.edited"
    case practitionerHours = "practitioner.hours"
    case clientAdded = "client.added"
    case clientEdited = "client.edited"
    case clientStatusChanged = "client.status"
    case clientErased = "client.erased"
    case appointmentBooked = "appointment.booked"
    case appointmentMoved = "appointment.moved"
    case appointmentCancelled = "appointment.cancelled"
    case appointmentAttended = "appointment.attended"
    case appointmentNoShow = "appointment.no-show"
    case referralRecorded = "referral.recorded"
    case referralThanked = "referral.thanked"
    case touchpointSent = "touchpoint.sent"
    case lapseReviewed = "lapse.reviewed"
    case milestoneReached = "milestone.reached"
    case feedbackGiven = "feedback.given"
    case callbackAdded = "callback.added"
    case callbackReturned = "callback.returned"
    case undone = "event.undone"
    case redone = "event.redone"
    case auditStarted = "audit.started"
    case auditAnswered = "audit.answered"
    case auditFinished = "audit.finished"
    case reportViewed = "report.viewed"
    case batchBegun = "batch.begun"
}
