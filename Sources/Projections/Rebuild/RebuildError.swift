/// Why a rebuild or a determinism check could not run.
public enum RebuildError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No projection has this name.
    case unknownProjection(String)
    /// The projection declares no tables, so there is nothing to replay into.
    case noTables(String)
    /// A declared table does not exist in the database.
    case missingTable(projection: String, table: String)
    /// Another rebuild or check of the projection holds its lock.
    case alreadyRunning(String)
    /// The copy ended behind the live checkpoint (the log's head went backwards): nothing was swapped.
    case behindCheckpoint(String, copy: Int64, live: Int64)

    public var description: String {
        switch self {
        case .unknownProjection(let name): return "no projection is named '\(name)'"
        case .noTables(let name): return "projection '\(name)' declares no tables, so it cannot be rebuilt or checked"
        case .missingTable(let projection, let table): return "projection '\(projection)' declares table '\(table)', which does not exist"
        case .alreadyRunning(let name): return "a rebuild or check of '\(name)' is already running"
        case .behindCheckpoint(let name, let copy, let live):
            return "the rebuilt copy of '\(name)' stands at \(copy), behind the live checkpoint \(live); nothing was swapped"
        }
    }
}
