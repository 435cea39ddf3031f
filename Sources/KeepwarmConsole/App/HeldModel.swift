import KeepwarmCore

/// The model as the loop holds it: anything in it can be read, but it changes only by a message through `handle`, so
/// the loop cannot set a field behind the update's back (the compiler refuses `held.model.status = …` outside this file).
struct HeldModel {
    private(set) var model: ConsoleModel

    init(_ model: ConsoleModel) { self.model = model }

    mutating func handle(_ message: ConsoleMessage, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        model.handle(message, data: data, practice: p, now: now)
    }
}
