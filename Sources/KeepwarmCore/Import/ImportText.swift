/// Text cells as an export wrote them. Keepwarm's own exports (and careful spreadsheets) put a `'` before a value that
/// starts with `=`, `+`, `-` or `@` so a spreadsheet shows it as text (`CSVSheet.defused`); reading it back takes that
/// `'` off again, so `'+44 7700 900123` is the phone `+44 7700 900123`, not a rejected row.
public enum ImportText {
    /// The value without the formula guard's leading apostrophe; any other value unchanged.
    public static func undefused(_ s: String) -> String {
        guard s.hasPrefix("'"), let second = s.dropFirst().unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(second) else { return s }
        return String(s.dropFirst())
    }
}
