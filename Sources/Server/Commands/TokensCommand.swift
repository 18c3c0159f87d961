import ArgumentParser
import EventStore
import Events
import Foundation

/// `opinion-ledger tokens create|revoke|list`: manage API bearer tokens.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, revoke and list API tokens.",
        subcommands: [Create.self, Revoke.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once; only its hash is stored.")

        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String
        @Option(help: "The unit the token acts for (unit officers, supervisors).")
        var unit: String?
        @Option(help: "A label saying who or what holds the token.")
        var name: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...200).contains(name.count) else { throw ValidationError("--name must be 1 to 200 characters") }
        }

        func run() async throws {
            let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
            let logger = configuration.logger("opinion-ledger.tokens")
            let (id, secret) = try await DatabaseSession.run(configuration, logger: logger) { client in
                try await PostgresTokenRegistry(client: client, logger: logger)
                    .create(role: Role(rawValue: role)!, unitId: unit, name: name)
            }
            FileHandle.standardError.write(Data("token id \(id.uuidString.lowercased()); the token is shown only now:\n".utf8))
            print(secret)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")

        @Argument(help: "The token id printed by `tokens create` or `tokens list`.")
        var id: String

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("'\(id)' is not a token id") }
            let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
            let logger = configuration.logger("opinion-ledger.tokens")
            let revoked = try await DatabaseSession.run(configuration, logger: logger) { client in
                try await PostgresTokenRegistry(client: client, logger: logger).revoke(id: uuid)
            }
            guard revoked else { throw ValidationError("no active token has id \(id)") }
            print("revoked \(id.lowercased())")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        func run() async throws {
            let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
            let logger = configuration.logger("opinion-ledger.tokens")
            let tokens = try await DatabaseSession.run(configuration, logger: logger) { client in
                try await PostgresTokenRegistry(client: client, logger: logger).list()
            }
            for token in tokens {
                let state = token.revoked ? "revoked" : "active"
                print("\(token.id.uuidString.lowercased())  \(token.role.rawValue)  \(token.unitId ?? "-")  \(state)  \(token.name)")
            }
        }
    }
}
