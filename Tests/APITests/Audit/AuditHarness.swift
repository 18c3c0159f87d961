import API
import EventStore
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import Projections

/// The real router over a real store, like `APIHarness`, with a checkpoint signer of the test's choice.
enum AuditHarness {
    static func with(
        signer: (any CheckpointSigner)?,
        _ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let tokens = PostgresTokenRegistry(client: database.client, logger: database.logger)
            let harness = APIHarness(database: database, store: store, tokens: tokens)
            let router = try LedgerRouter.build(
                LedgerServices(
                    store: store, models: ReadModels(client: database.client, logger: database.logger), tokens: tokens,
                    readiness: { Readiness(database: "ok", migrations: "current") },
                    checkpointSigner: signer))
            try await Application(router: router).test(.router) { client in try await body(harness, client) }
        }
    }
}

/// A stand-in signer whose "signature" is the SHA-free reversal of the bytes, so a test can check
/// exactly which bytes the API asked it to sign (real Ed25519 is tested through the binary).
struct ReversingSigner: CheckpointSigner {
    let keyId = "00112233445566ff"
    let publicKey = [UInt8](repeating: 7, count: 32)

    func signature(for bytes: [UInt8]) throws -> [UInt8] { bytes.reversed() }
}
