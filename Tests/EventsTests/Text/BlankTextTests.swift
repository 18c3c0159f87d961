import Events
import Foundation
import Testing

@Suite("What counts as blank text")
struct BlankTextTests {
    /// The pattern the OpenAPI document uses for "not blank"; the server must agree with it scalar by scalar.
    static let schemaBlanks: [UInt32] =
        [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680]
        + Array(0x2000...0x200A) + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF]

    @Test("every scalar the schema calls blank is blank, and nothing else in the BMP is")
    func blankMatchesTheSchema() {
        let blanks = Set(Self.schemaBlanks)
        for value in UInt32(1)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isBlank == blanks.contains(value), "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    @Test("trimming removes blanks at both ends only; collapsing joins inner runs with one space")
    func trimAndCollapse() {
        #expect("\u{85}\u{FEFF} Hà  Nội \u{3000}".trimmingBlanks() == "Hà  Nội")
        #expect("\u{85}\u{FEFF} Hà \u{2003}\t Nội \u{3000}".collapsingBlanks() == "Hà Nội")
        #expect("\u{85}".trimmingBlanks().isEmpty)
        #expect("\u{85}".collapsingBlanks().isEmpty)
    }

    @Test("a report summary of only U+0085 is refused as blank")
    func nextLineIsBlankInReports() {
        #expect(throws: ReportRuleViolation.self) {
            try ReportDecider.text("\u{85}", field: "summary", limit: 10)
        }
    }
}
