/// The headers of Keepwarm's own clients export (`keepwarm export clients`, `ClientsCSV`) that are not simply the
/// field's name, so the keepwarm preset reads that export back unchanged (Docs/import.md, "Keepwarm's own export").
enum KeepwarmExportHeaders {
    static let clients: [ImportField: [String]] = [
        .contact: ["contact consent"],
        .visits: ["sessions"],
        .cadence: ["usual interval days"],
        .first: ["given name"],
    ]
}
