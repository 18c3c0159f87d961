/// What `opinion-ledger --version` prints: the release number and the commit it was built from
/// (recorded at build time by the `BuildCommit` plugin).
enum LedgerVersion {
    /// The release number (the OpenAPI document's `info.version` follows it).
    static let number = "0.1.0"

    /// `opinion-ledger 0.1.0 (commit abc1234)`.
    static var description: String { "opinion-ledger \(number) (commit \(BuildCommit.id))" }
}
