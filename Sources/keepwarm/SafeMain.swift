import ArgumentParser
import Foundation
import KeepwarmCore

extension Keepwarm {
    /// ArgumentParser's `main`, except that its messages are made visible line by line before they are printed: a
    /// refused value is echoed as typed, and an escape sequence in it would otherwise reach the terminal raw.
    static func mainShowingValuesSafely() {
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            let text = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
                .map { DisplayText.visible(String($0)) }.joined(separator: "\n")
            let code = exitCode(for: error)
            if !text.isEmpty { Stdout.write(code == .success ? 1 : 2, Array((text + "\n").utf8)) }
            Foundation.exit(code.rawValue)
        }
    }
}
