/// A command that cannot be carried out as asked; the message says why and what to do instead. Nothing was written.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
