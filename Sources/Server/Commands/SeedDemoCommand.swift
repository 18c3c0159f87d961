import ArgumentParser
import EventStore
import Events
import Foundation

/// `opinion-ledger seed-demo`: loads the seeds' province into a running server through its HTTP API,
/// as any client would: units, the seeds' obligations and three months of reports (some late, some
/// missing, one returned and re-submitted, one excused). Safe to run twice.
struct SeedDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract: "Load the seeds' province into a running server through its API.",
        discussion: "Needs DATABASE_URL (to create the demo's tokens) and the server's URL.")

    @Option(help: "The running server (default: http://HOST:PORT from the environment).")
    var url: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServerConfiguration(environment: environment)
        let logger = configuration.logger("opinion-ledger.seed-demo")
        guard let base = URL(string: url ?? "http://\(configuration.host):\(configuration.port)/") else {
            throw ValidationError("--url must be a URL like http://127.0.0.1:8080")
        }
        let tokens = try await DatabaseSession.run(configuration, logger: logger) { client in
            try await DemoTokens.create(PostgresTokenRegistry(client: client, logger: logger))
        }
        let client = DemoClient(baseURL: base)
        try await DemoSeeder(client: client, tokens: tokens).seed()
        print("seeded the demo province through \(base.absoluteString)")
        print("admin token:                \(tokens.admin)")
        print("DIC supervisor token:       \(tokens.dic)   (so-tttt: returns, accepts, consolidates)")
        print("province supervisor token:  \(tokens.province)   (tinh-bk: compliance for the whole province)")
        print(
            "try: curl -H 'Authorization: Bearer \(tokens.province)' "
                + "'\(base.absoluteString)v1/compliance?obligation=thang-dic&period=2024-10'")
    }
}

/// The tokens the demo acts with, one per role it needs.
struct DemoTokens: Sendable {
    var admin: String
    var dic: String
    var province: String
    var district: String
    var partyCommittee: String
    var healthOfficer: String
    /// The DIC's media monitor, who logs the demo's incidents.
    var monitor: String
    /// An officer of Bằng Lãng commune, who verifies and answers the incident assigned to it.
    var communeOfficer: String

    static func create(_ registry: PostgresTokenRegistry) async throws -> DemoTokens {
        func make(_ role: Role, _ unit: String?, _ name: String) async throws -> String {
            try await registry.create(role: role, unitId: unit, name: "seed-demo: \(name)").secret
        }
        return DemoTokens(
            admin: try await make(.admin, nil, "admin"),
            dic: try await make(.supervisor, "so-tttt", "DIC office"),
            province: try await make(.supervisor, "tinh-bk", "Provincial People's Committee office"),
            district: try await make(.supervisor, "huyen-cho-don", "Chợ Đồn district office"),
            partyCommittee: try await make(.supervisor, "tinh-uy-bk", "Provincial Party committee office"),
            healthOfficer: try await make(.unitOfficer, "so-yte", "Department of Health officer"),
            monitor: try await make(.monitor, "so-tttt", "DIC media monitor"),
            communeOfficer: try await make(.unitOfficer, "xa-bang-lang", "Bằng Lãng commune officer"))
    }
}
