extension DefaultTemplates {
    /// The SMS template for `kind` (`KIND.sms.mustache`): the text alone, no subject. Nil for a call, which is the
    /// desk's task. Each names no treatment and nothing about anyone else, uses only GSM-7 characters, and fits one
    /// 160-character SMS for a client called Ada at Riverside Therapy (tested in `SMSTemplateTests`). The sender signs
    /// on its own line; a marketing message's opt-out line follows it (empty, and trimmed away, for a service message).
    /// The reactivation letter is a letter, but its step may be set to go by SMS too, so it has a short text of its own.
    public static func sms(_ kind: MessageKind) -> String? {
        switch kind {
        case .touchpoint(.reminder): """
            Hi {{first_name}}, see you at {{practice_name}}{{#appointment}} on {{appointment}}{{/appointment}}. If you can't make it, please let us know{{#booking_phone}} on {{booking_phone}}{{/booking_phone}}.
            {{sender}}

            """
        case .touchpoint(.postSession): """
            Hi {{first_name}}, thank you for coming to see us at {{practice_name}}. {{#next_booking}}See you on {{next_booking}}.{{/next_booking}}{{^next_booking}}Whenever you would like your next visit, just let us know.{{/next_booking}}
            {{sender}}

            """
        case .touchpoint(.rebookPrompt): """
            Hi {{first_name}}, would you like to book your next visit to {{practice_name}}?{{#booking_link}} Book at {{booking_link}}{{/booking_link}}{{^booking_link}}{{#booking_phone}} Call us on {{booking_phone}}.{{/booking_phone}}{{/booking_link}}
            {{sender}}
            {{opt_out}}

            """
        case .touchpoint(.checkIn28): """
            Hi {{first_name}}, just checking in to see how you are. We would love to see you again at {{practice_name}} whenever suits you.
            {{sender}}
            {{opt_out}}

            """
        case .touchpoint(.reEngage): """
            Hi {{first_name}}, we would love to welcome you back to {{practice_name}}.{{#booking_link}} Book at {{booking_link}}{{/booking_link}}{{^booking_link}}{{#booking_phone}} Call us on {{booking_phone}}.{{/booking_phone}}{{/booking_link}}
            {{sender}}
            {{opt_out}}

            """
        case .touchpoint(.reactivationLetter): """
            Hi {{first_name}}, it has been some time since we saw you. We would be very glad to welcome you back to {{practice_name}}.
            {{sender}}
            {{opt_out}}

            """
        case .touchpoint(.referralAsk): """
            Hi {{first_name}}, if you know anyone who might like to visit {{practice_name}}, please pass on our details. Thank you!
            {{sender}}
            {{opt_out}}

            """
        case .touchpoint(.noShowFollowUp): """
            Hi {{first_name}}, sorry we missed you at {{practice_name}}. We hope all is well. If you would like another time, just let us know{{#booking_phone}} on {{booking_phone}}{{/booking_phone}}.
            {{sender}}

            """
        case .thankYou: """
            Hi {{first_name}}, thank you so much for recommending {{practice_name}}. It means a great deal to us.
            {{sender}}

            """
        case .touchpoint(.followUpCall): nil
        }
    }
}
