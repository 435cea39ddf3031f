/// The templates Keepwarm ships with: short, warm, UK English, and never a clinical detail, because a message can be
/// read by anyone who sees the client's phone or inbox. Docs/messages.md quotes every one. Each is signed by
/// `{{sender}}`; the practice's name goes under it only when a practitioner signs, so a message signed with the
/// practice's name does not repeat it. Marketing messages end with `{{opt_out}}`.
public enum DefaultTemplates {
    /// The email (and letter) template for `kind`.
    public static func text(_ kind: MessageKind) -> String {
        switch kind {
        case .touchpoint(.postSession): """
            Subject: Thank you for coming in, {{first_name}}

            Hello {{first_name}},

            Thank you for coming to see us at {{practice_name}}. We hope you have a good rest of the week.
            {{#next_booking}}We look forward to seeing you on {{next_booking}}.{{/next_booking}}{{^next_booking}}Whenever you would like your next visit, just let us know.{{/next_booking}}

            Warm wishes,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}

            """
        case .touchpoint(.reminder): """
            Subject: Reminder: {{practice_name}}{{#appointment}}, {{appointment}}{{/appointment}}

            Hello {{first_name}},

            A reminder of your appointment at {{practice_name}}{{#practitioner}} with {{practitioner}}{{/practitioner}}{{#appointment}} on {{appointment}}{{/appointment}}.
            If you can no longer come, please let us know as soon as you can{{#booking_phone}} on {{booking_phone}}{{/booking_phone}}, so we can offer the time to someone else.

            See you soon,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}

            """
        case .touchpoint(.rebookPrompt): """
            Subject: Your next visit to {{practice_name}}

            Hello {{first_name}},

            If you would like to book your next visit, we would be glad to find a time that suits you.
            {{#booking_link}}You can book online at {{booking_link}}.{{/booking_link}}{{#booking_phone}} Or give us a ring on {{booking_phone}}.{{/booking_phone}}

            Best wishes,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}
            {{#opt_out}}

            {{opt_out}}
            {{/opt_out}}

            """
        case .touchpoint(.checkIn28): """
            Subject: Checking in from {{practice_name}}

            Hello {{first_name}},

            It has been a few weeks since we saw you{{#last_visit}} on {{last_visit}}{{/last_visit}}, and we wanted to say hello and see how you are.
            If you would like to come in again, we would be happy to see you.{{#booking_link}} You can book at {{booking_link}}.{{/booking_link}}

            Kind regards,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}
            {{#opt_out}}

            {{opt_out}}
            {{/opt_out}}

            """
        case .touchpoint(.reEngage): """
            Subject: We would love to see you again, {{first_name}}

            Hello {{first_name}},

            We have not seen you for a while at {{practice_name}} and wanted to let you know you are always welcome back.
            {{#booking_link}}You can book a time at {{booking_link}}.{{/booking_link}}{{#booking_phone}} Or call us on {{booking_phone}}.{{/booking_phone}}

            Warm wishes,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}
            {{#opt_out}}

            {{opt_out}}
            {{/opt_out}}

            """
        case .touchpoint(.reactivationLetter): """
            Subject: A note from {{practice_name}}

            Dear {{first_name}},

            It has been some time since we last saw you{{#last_visit}} on {{last_visit}}{{/last_visit}}, and we wanted to write to say we would be very glad to welcome you back whenever the time is right for you.

            {{#booking_phone}}You can reach us on {{booking_phone}}{{#booking_link}} or book at {{booking_link}}{{/booking_link}}.{{/booking_phone}}{{^booking_phone}}{{#booking_link}}You can book at {{booking_link}}.{{/booking_link}}{{/booking_phone}}

            With warm wishes,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}
            {{#opt_out}}

            {{opt_out}}
            {{/opt_out}}

            """
        case .touchpoint(.followUpCall): """
            Subject: Call to {{full_name}}

            Call script for {{full_name}}:

            "Hello, is that {{first_name}}? It's {{sender}}{{#practitioner}} from {{practice_name}}{{/practitioner}}. We sent you a short note recently and I just wanted to say hello and see how you are."
            If they would like to come in: offer a time, or {{#booking_link}}point them to {{booking_link}}{{/booking_link}}{{^booking_link}}take their preferred days{{/booking_link}}.
            If not: thank them warmly and wish them well.

            """
        case .touchpoint(.referralAsk): """
            Subject: A small favour from {{practice_name}}

            Hello {{first_name}},

            It has been a pleasure seeing you. If you know anyone who might like to visit us, we would be very grateful if you passed on our details.{{#booking_link}} They can book at {{booking_link}}.{{/booking_link}}

            Thank you,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}
            {{#opt_out}}

            {{opt_out}}
            {{/opt_out}}

            """
        case .touchpoint(.noShowFollowUp): """
            Subject: Sorry we missed you, {{first_name}}

            Hello {{first_name}},

            We are sorry we did not get to see you. We hope all is well.
            If you would like to find another time, we would be happy to help.{{#booking_phone}} Just call us on {{booking_phone}}.{{/booking_phone}}

            Best wishes,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}

            """
        case .thankYou: """
            Subject: Thank you for recommending us, {{first_name}}

            Hello {{first_name}},

            Thank you so much for recommending {{practice_name}} to someone you know. It means a great deal to us that you would pass on our name.

            With warm thanks,
            {{sender}}
            {{#practitioner}}
            {{practice_name}}
            {{/practitioner}}

            """
        }
    }
}
