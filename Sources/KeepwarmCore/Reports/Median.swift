/// The middle of a list of whole numbers; nil for an empty list, since there is no middle of nothing.
public enum Median {
    /// With an even count, the mean of the two middle values (so `[7, 14]` gives 10.5).
    public static func of(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1] + s[mid]) / 2
    }
}
