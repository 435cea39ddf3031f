/// A command that cannot be carried out as asked; the message says why and what to do instead. Nothing was written.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    /// Made visible on one line (`DisplayText.visible`): a message can quote a name or note someone typed, and a line
    /// break or escape in it must not split the one line a receptionist reads, or reach the terminal.
    public init(_ message: String) { self.message = DisplayText.visible(message) }
    public var description: String { message }
}
