/// A whole import refused before anything is looked at row by row: the file, the mapping or the preset is wrong.
/// The message names the file (and the row, where one is meant) and says what to do next. Nothing was written.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
