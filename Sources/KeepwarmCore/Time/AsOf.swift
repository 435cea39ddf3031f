import Foundation

extension EventLog {
    /// The practice as it stood at `until`: the log replayed up to the first event recorded after that instant.
    /// A figure for a closed period therefore stays as it was, whatever is recorded later. Damaged lines are skipped,
    /// as a normal open would; use `keepwarm check` to see them.
    public static func replay(path: String, until: Instant) throws -> Practice {
        // The same read as opening the log (threads, fast path), told where to stop.
        try open(path: path, pipelineThreshold: defaultPipelineThreshold, until: until).practice
    }
}
