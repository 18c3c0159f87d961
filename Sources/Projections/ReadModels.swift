import Logging
import PostgresNIO

/// The read models that controllers and command handlers read, each a table behind one interface:
/// the unit tree, the obligation catalog and the reporting duties, all kept inline with history by
/// position, so an answer costs what it returns and never what the log holds.
public struct ReadModels: Sendable {
    /// The unit tree (`unit_versions`).
    public let units: UnitTree
    /// The obligation catalog (`obligation_versions`).
    public let obligations: ObligationShelf
    /// The reporting duties by position (`duty_versions`).
    public let duties: DutyHistory

    /// The read models over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.units = UnitTree(client: client(), logger: logger)
        self.obligations = ObligationShelf(client: client(), logger: logger)
        self.duties = DutyHistory(client: client(), logger: logger)
    }
}
