import Events
import Logging
import PostgresNIO

/// A projection's faster way to replay the whole log during a rebuild than applying it page by
/// page: the fold is held in memory from one page to the next (nothing is read back from the
/// tables being filled) and rows are written in bulk with `COPY`, each version once, with the end
/// of its validity already known. Pages come in position order, each inside a transaction whose
/// `search_path` resolves the projection's tables to the shadow copies; `finish`, in the last one,
/// writes what is still held. Afterwards the tables hold exactly what `Projection.apply` of the
/// same events would have written, so the rebuild's final catch-up applies the usual way.
public protocol RebuildReplay: AnyObject {
    /// Folds one page of the projection's events (in position order) and writes the rows it completes.
    func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws
    /// Writes every row still held (the current versions).
    func finish(on connection: PostgresConnection, logger: Logger) async throws
}
