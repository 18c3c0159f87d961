import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The global feed pages to the end with its cursor, filters, and refuses bad cursors and limits.
@Suite struct EventFeedTests {
    struct Page: Decodable {
        struct Event: Decodable {
            var position: Int64
            var streamId: String
            var type: String
            var hash: String
            var previousHash: String
        }
        var events: [Event]
        var nextAfter: Int64
        var head: Int64
        var hasMore: Bool
        var next: String
    }

    @Test func pagingFollowsTheCursorToTheEnd() async throws {
        try await APIHarness.with { harness, client in
            try await harness.appendEvents(15, to: "unit-a")
            try await harness.appendEvents(10, to: "unit-b", type: "OtherHappened")
            let auth = try await harness.bearer()
            var uri = "/v1/events?limit=10"
            var positions: [Int64] = []
            var pages = 0
            while true {
                let page = try await client.execute(uri: uri, method: .get, headers: auth) { response in
                    #expect(response.status == .ok)
                    return try response.json(Page.self)
                }
                pages += 1
                positions += page.events.map(\.position)
                #expect(page.head == 25)
                if !page.hasMore { break }
                uri = page.next
                #expect(pages < 10, "the cursor must reach the end")
            }
            #expect(pages == 3)
            #expect(positions == Array(1...25))
        }
    }

    @Test func filtersByStreamAndType() async throws {
        try await APIHarness.with { harness, client in
            try await harness.appendEvents(3, to: "unit-a")
            try await harness.appendEvents(4, to: "unit-b", type: "OtherHappened")
            let auth = try await harness.bearer()
            let byStream = try await client.execute(uri: "/v1/events?stream=unit-b", method: .get, headers: auth) {
                try $0.json(Page.self)
            }
            #expect(byStream.events.map(\.streamId) == Array(repeating: "unit-b", count: 4))
            let byType = try await client.execute(uri: "/v1/events?type=TestHappened&limit=2", method: .get, headers: auth) {
                try $0.json(Page.self)
            }
            #expect(byType.events.map(\.position) == [1, 2])
            #expect(byType.hasMore)
            #expect(byType.next.contains("type=TestHappened"))
        }
    }

    @Test(arguments: [
        ("after=-1", "after"), ("after=abc", "after"), ("after=99999999999999999999", "after"),
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"),
        ("stream=has%20space", "stream"), ("type=9bad", "type"),
    ])
    func badParametersAreProblems(query: String, field: String) async throws {
        try await APIHarness.with { harness, client in
            let auth = try await harness.bearer()
            try await client.execute(uri: "/v1/events?\(query)", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:invalid-parameter")
                #expect(problem.field == field)
            }
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await APIHarness.with { _, client in
            try await client.execute(uri: "/v1/events", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:method-not-allowed")
            }
            try await client.execute(uri: "/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:not-found")
            }
        }
    }
}
