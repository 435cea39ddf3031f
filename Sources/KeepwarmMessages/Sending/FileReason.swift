import Foundation
import KeepwarmCore

extension LogError {
    /// Just the system's reason ("Permission denied"), for messages that already name the file.
    var systemReason: String {
        if case .io(_, _, let e) = self { return String(cString: strerror(e)) }
        return description
    }
}
