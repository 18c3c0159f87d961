import Events
import Testing

/// `ExpectedVersion.isSatisfied(byCurrent:)`, the rule behind optimistic concurrency.
@Suite("ExpectedVersion")
struct ExpectedVersionTests {
    @Test(
        "which current versions satisfy which expectation",
        arguments: [
            (ExpectedVersion.any, Int64(0), true), (.any, 1, true), (.any, 1_000, true),
            (.noStream, 0, true), (.noStream, 1, false), (.noStream, 7, false),
            (.exact(0), 0, true), (.exact(0), 1, false),
            (.exact(3), 3, true), (.exact(3), 2, false), (.exact(3), 4, false), (.exact(3), 0, false),
        ])
    func satisfaction(_ expected: ExpectedVersion, _ current: Int64, _ satisfied: Bool) {
        #expect(expected.isSatisfied(byCurrent: current) == satisfied)
    }

    @Test("descriptions used in error messages")
    func descriptions() {
        #expect(ExpectedVersion.any.description == "any")
        #expect(ExpectedVersion.noStream.description == "noStream")
        #expect(ExpectedVersion.exact(12).description == "12")
    }
}
