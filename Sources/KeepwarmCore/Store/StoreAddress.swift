/// How a person names a practice's store: a log file's path, or a PostgreSQL connection URL (`--store`,
/// `KEEPWARM_STORE`, `store = "…"` in config.toml).
public enum StoreAddress: Equatable, Sendable {
    case file(path: String)
    case postgresql(url: String)

    public init(_ text: String) {
        self = StoreAddress.isDatabase(text) ? .postgresql(url: text) : .file(path: text.hasPrefix("file:") ? String(text.dropFirst(5)) : text)
    }

    /// Whether `text` is a database URL rather than a path: libpq's two schemes.
    public static func isDatabase(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }
}
