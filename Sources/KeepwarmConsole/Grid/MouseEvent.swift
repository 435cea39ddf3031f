/// A mouse button or the wheel at a cell of the screen, counted from 0 at the top left.
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did: the left button pressed, or one notch of the wheel.
    public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }

    /// Rows one notch of the wheel moves a list by.
    static let wheelRows = 3
}
