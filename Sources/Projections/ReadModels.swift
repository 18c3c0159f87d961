import Events
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
    /// The report list (`reporting_duties` now, `duty_versions` at a position).
    public let reports: DutyReader
    /// Which incidents were merged into which (`incident_merges`).
    public let mergeLinks: MergeLinks
    /// Every incident's folded state by position (`incident_versions`).
    public let incidents: IncidentHistory

    let clients: @Sendable () -> PostgresClient
    let logger: Logger

    /// The read models over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
        self.units = UnitTree(client: client(), logger: logger)
        self.obligations = ObligationShelf(client: client(), logger: logger)
        self.duties = DutyHistory(client: client(), logger: logger)
        self.reports = DutyReader(client: client(), logger: logger)
        self.mergeLinks = MergeLinks(client: client(), logger: logger)
        self.incidents = IncidentHistory(client: client(), logger: logger)
    }

    /// The position `cut` reads the models at: the last position recorded by its instant (the head
    /// when it names none), no later than its `atPosition`.
    public func position(of cut: ReadCut) async throws -> Int64 {
        try await ReadPosition.of(cut, client: clients(), logger: logger)
    }
}
