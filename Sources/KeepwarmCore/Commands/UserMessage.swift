/// The one-line message a person sees for any error Keepwarm raises, the same on the command line and in the console.
public func userMessage(_ error: Error) -> String {
    switch error {
    case let e as CommandError: e.message
    case let e as InputError: e.message
    case let e as LogError: e.description
    case let e as ApplyError: "the event could not be applied: \(e.reason)"
    default: "\(error)"
    }
}
