import Projections

extension APIError {
    /// Maps why a rebuild could not start: an unknown name is 404, the rest are conflicts with the projection's state.
    public init(_ error: RebuildError) {
        switch error {
        case .unknownProjection:
            self.init(.notFound, error.description, field: "name")
        case .noTables, .missingTable, .alreadyRunning, .behindCheckpoint:
            self.init(.stateConflict, error.description)
        }
    }
}
