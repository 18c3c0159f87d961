import EventStore
import Events
import Foundation

/// The tokens the demo acts with, one per role it needs. Only a token's SHA-256 is stored in the
/// database, so the demo keeps the tokens themselves in a file of its own (mode 0600) and a second
/// run reuses every one that still authenticates with the same role and unit, minting none.
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

    /// Who holds each demo token: its role, unit and what it is for.
    enum Holder: String, CaseIterable, Sendable {
        case admin, dic, province, district, partyCommittee, healthOfficer, monitor, communeOfficer

        var role: Role {
            switch self {
            case .admin: return .admin
            case .dic, .province, .district, .partyCommittee: return .supervisor
            case .healthOfficer, .communeOfficer: return .unitOfficer
            case .monitor: return .monitor
            }
        }

        var unitId: String? {
            switch self {
            case .admin: return nil
            case .dic, .monitor: return "so-tttt"
            case .province: return "tinh-bk"
            case .district: return "huyen-cho-don"
            case .partyCommittee: return "tinh-uy-bk"
            case .healthOfficer: return "so-yte"
            case .communeOfficer: return "xa-bang-lang"
            }
        }

        /// The token's name in the registry.
        var name: String {
            switch self {
            case .admin: return "admin"
            case .dic: return "DIC office"
            case .province: return "Provincial People's Committee office"
            case .district: return "Chợ Đồn district office"
            case .partyCommittee: return "Provincial Party committee office"
            case .healthOfficer: return "Department of Health officer"
            case .monitor: return "DIC media monitor"
            case .communeOfficer: return "Bằng Lãng commune officer"
            }
        }

        /// How the demo's output names it.
        var label: String {
            switch self {
            case .admin: return "admin"
            case .dic: return "DIC supervisor"
            case .province: return "province supervisor"
            case .district: return "district supervisor"
            case .partyCommittee: return "party committee supervisor"
            case .healthOfficer: return "health department officer"
            case .monitor: return "media monitor"
            case .communeOfficer: return "commune officer"
            }
        }

        /// What the token can be used to look at.
        var scope: String {
            switch self {
            case .admin: return "everything; units, obligations, rules"
            case .dic: return "so-tttt: returns, accepts, consolidates"
            case .province: return "tinh-bk: compliance and incidents for the whole province"
            case .district: return "huyen-cho-don: its district's incidents and reports"
            case .partyCommittee: return "tinh-uy-bk: its committee's reports"
            case .healthOfficer: return "so-yte: files the department's reports"
            case .monitor: return "so-tttt: logs incidents and sightings"
            case .communeOfficer: return "xa-bang-lang: verifies and answers its incidents"
            }
        }

        var keyPath: WritableKeyPath<DemoTokens, String> {
            switch self {
            case .admin: return \.admin
            case .dic: return \.dic
            case .province: return \.province
            case .district: return \.district
            case .partyCommittee: return \.partyCommittee
            case .healthOfficer: return \.healthOfficer
            case .monitor: return \.monitor
            case .communeOfficer: return \.communeOfficer
            }
        }
    }

    subscript(holder: Holder) -> String {
        get { self[keyPath: holder.keyPath] }
        set { self[keyPath: holder.keyPath] = newValue }
    }

    /// The tokens kept in `file` that still authenticate as their holder, and new ones for the rest
    /// (written back to `file`); also the holders whose token was minted now.
    static func reusingOrMinting(_ file: URL, registry: PostgresTokenRegistry) async throws -> (DemoTokens, [String]) {
        let kept = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode([String: String].self, from: $0) } ?? [:]
        var tokens = DemoTokens(
            admin: "", dic: "", province: "", district: "", partyCommittee: "", healthOfficer: "", monitor: "", communeOfficer: "")
        var minted: [String] = []
        for holder in Holder.allCases {
            if let token = kept[holder.rawValue], let actor = try await registry.actor(forBearerToken: token),
                actor.role == holder.role, actor.unitId == holder.unitId
            {
                tokens[holder] = token
                continue
            }
            tokens[holder] = try await registry.create(role: holder.role, unitId: holder.unitId, name: "seed-demo: \(holder.name)").secret
            minted.append(holder.label)
        }
        if !minted.isEmpty { try tokens.write(to: file) }
        return (tokens, minted)
    }

    /// Writes the tokens to `file`, readable and writable by its owner alone.
    func write(to file: URL) throws {
        let values = Dictionary(uniqueKeysWithValues: Holder.allCases.map { ($0.rawValue, self[$0]) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(values)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = file.appendingPathExtension("tmp")
        _ = FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
        try data.write(to: temporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
        try FileManager.default.moveItem(at: temporary, to: file)
    }
}
