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

    @Option(
        help: ArgumentHelp(
            "Where the demo keeps its tokens between runs (readable by you alone); a second run reuses them.",
            valueName: "path"))
    var tokensFile = ".local/seed-demo-tokens.json"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServerConfiguration(environment: environment)
        let logger = configuration.logger("opinion-ledger.seed-demo")
        guard let base = Self.base(url ?? "http://\(configuration.host):\(configuration.port)/") else {
            throw ValidationError("--url must be an http(s) URL like http://127.0.0.1:8080")
        }
        let file = URL(fileURLWithPath: tokensFile)
        let (tokens, minted) = try await DatabaseSession.run(configuration, logger: logger) { client in
            try await DemoTokens.reusingOrMinting(file, registry: PostgresTokenRegistry(client: client, logger: logger))
        }
        let client = DemoClient(baseURL: base)
        try await DemoSeeder(client: client, tokens: tokens).seed()
        print("seeded the demo province through \(base.absoluteString)")
        print(
            minted.isEmpty
                ? "tokens: reused from \(file.path) (none minted)"
                : "tokens: minted \(minted.count) (\(minted.joined(separator: ", "))), kept in \(file.path) for the next run")
        for role in DemoTokens.Holder.allCases {
            let padded = (role.label + " token:").padding(toLength: 34, withPad: " ", startingAt: 0)
            print("\(padded)\(tokens[role])   (\(role.scope))")
        }
        print(
            "try: curl -H 'Authorization: Bearer \(tokens.province)' "
                + "'\(base.absoluteString)v1/compliance?obligation=thang-dic&period=2024-10'")
    }

    /// The server's URL with its path ending in `/`, so paths resolve under it.
    static func base(_ text: String) -> URL? {
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else { return nil }
        if !components.path.hasSuffix("/") { components.path += "/" }
        return components.url
    }
}
