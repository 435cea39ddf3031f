/// How a way of contacting a client is named to a person, one word for one channel everywhere: a touchpoint sent by
/// `text` and a review made by `sms` are both "SMS" (QA D14: the lapsed list said "text" for one and "SMS" for the other).
public enum ChannelName {
    /// A touchpoint's channel.
    public static func of(_ c: Channel) -> String { word(c.rawValue) }
    /// How a weekly review made contact.
    public static func of(_ c: ReviewContact) -> String { word(c.rawValue) }
    /// Said where contact was recorded without saying how (a review before it was asked, or left as "—").
    public static let notRecorded = "unknown"

    /// The one place a log word for a channel becomes the word a person reads.
    static func word(_ logWord: String) -> String {
        switch logWord {
        case "text", "sms": "SMS"
        case "in-person": "in person"
        default: logWord
        }
    }
}
