import Events
import Foundation

extension DemoIncidents {
    /// One demo story: how it is logged and what happens to it next.
    struct Story {
        /// A short stable name, for idempotency keys.
        var key: String
        /// The title, unique among the stories: how a re-run finds it.
        var title: String
        /// The `POST /v1/incidents` body.
        var log: String
        var steps: [Step]
    }

    /// Who acts in a step.
    enum Actor {
        case admin, monitor, province, district, communeOfficer, healthOfficer
    }

    /// One step of a story, through the incident routes.
    enum Step {
        /// The same story logged again (another link to it): the server folds it into the incident.
        case logAgain(String)
        case sighting(String)
        case assign(Actor, String)
        case escalate(Actor, String)
        case verify(Actor, String)
        case respond(Actor, String)
        /// The outlet ran the correction the incident's (last) correction request asked for; `{now}` in
        /// the body becomes the instant the step runs.
        case correctionPublished(Actor, String)
        case resolve(Actor, String)
        case close(Actor)
        /// Merged into the story with this title.
        case mergeInto(title: String, Actor, reason: String)
    }

    func token(_ actor: Actor) -> String {
        switch actor {
        case .admin: return tokens.admin
        case .monitor: return tokens.monitor
        case .province: return tokens.province
        case .district: return tokens.district
        case .communeOfficer: return tokens.communeOfficer
        case .healthOfficer: return tokens.healthOfficer
        }
    }

    func run(_ step: Step, on id: String, key: String) async throws {
        let path = "v1/incidents/\(id)"
        switch step {
        case .logAgain(let json): try await client.post("v1/incidents", json, token: tokens.monitor, key: key)
        case .sighting(let json): try await client.post("\(path)/sightings", json, token: tokens.monitor, key: key)
        case .assign(let actor, let json): try await client.post("\(path)/assignments", json, token: token(actor), key: key)
        case .escalate(let actor, let json): try await client.post("\(path)/escalations", json, token: token(actor), key: key)
        case .verify(let actor, let json): try await client.post("\(path)/verification", json, token: token(actor), key: key)
        case .respond(let actor, let json): try await client.post("\(path)/responses", json, token: token(actor), key: key)
        case .correctionPublished(let actor, let json):
            guard let request = try await correctionRequestId(of: id) else {
                throw DemoClient.Refused(description: "incident \(id) has no correction request to record a correction for")
            }
            // Published "now": after the request went out, never in the server's future.
            let body = json.replacingOccurrences(of: "{now}", with: Timestamp(Date()).rfc3339)
            try await client.post("\(path)/responses/\(request)/correction", body, token: token(actor), key: key)
        case .resolve(let actor, let json): try await client.post("\(path)/resolution", json, token: token(actor), key: key)
        case .close(let actor): try await client.post("\(path)/close", "{}", token: token(actor), key: key)
        case .mergeInto(let title, let actor, let reason):
            guard let survivor = try await incidentId(titled: title) else {
                throw DemoClient.Refused(description: "no demo incident titled '\(title)' to merge into")
            }
            try await client.post("\(path)/merge", #"{"into":"\#(survivor)","reason":"\#(reason)"}"#, token: token(actor), key: key)
        }
    }

    /// The id of the incident with exactly this title, read from the log (not the read model, which
    /// may lag a write by a moment); nil when there is none.
    func incidentId(titled title: String) async throws -> String? {
        struct Page: Decodable {
            struct Item: Decodable { var incidentId: String; var title: String }
            var incidents: [Item]
        }
        // The log's head now: a read at that position folds the log (an `asOf` ahead of the server's
        // clock would be refused).
        struct Feed: Decodable { var head: Int64 }
        let (feedStatus, feed) = try await client.get("v1/events?limit=1", token: tokens.admin)
        guard feedStatus == 200 else { throw DemoClient.Refused(description: "GET /v1/events answered \(feedStatus): \(feed)") }
        let head = try JSONDecoder().decode(Feed.self, from: Data(feed.utf8)).head
        let (status, body) = try await client.get(
            "v1/incidents?q=\(Self.encoded(title))&atPosition=\(max(head, 1))&limit=500", token: tokens.admin)
        guard status == 200 else { throw DemoClient.Refused(description: "GET /v1/incidents answered \(status): \(body)") }
        return try JSONDecoder().decode(Page.self, from: Data(body.utf8)).incidents.first { $0.title == title }?.incidentId
    }

    /// The id of the incident's last correction request.
    func correctionRequestId(of id: String) async throws -> String? {
        struct Incident: Decodable {
            struct Response: Decodable { var id: String; var kind: String }
            var responses: [Response]
        }
        let (status, body) = try await client.get("v1/incidents/\(id)", token: tokens.admin)
        guard status == 200 else { throw DemoClient.Refused(description: "GET /v1/incidents/\(id) answered \(status): \(body)") }
        return try JSONDecoder().decode(Incident.self, from: Data(body.utf8)).responses.last { $0.kind == "correctionRequest" }?.id
    }

    /// Text for a query string: every byte but ASCII letters and digits percent-encoded.
    static func encoded(_ text: String) -> String {
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return text.addingPercentEncoding(withAllowedCharacters: plain) ?? ""
    }
}
