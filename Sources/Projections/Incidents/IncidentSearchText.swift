import Foundation

/// The words an incident is found by, diacritic- and case-insensitively: `dư luận`, `Dư Luận` and
/// `du luan` are the same two words (`đ` counts as `d`). The table stores
/// `lower(unaccent(document))` and matches with PostgreSQL full text; `fold` and `matches` are the
/// same rule in Swift, for answers folded from the events (`asOf`).
public enum IncidentSearchText {
    /// The longest query text accepted, in characters.
    public static let maximumQueryLength = 200

    /// The text to store for search: the parts lowercased, cut into words (letters and digits) and
    /// joined by single spaces, so that PostgreSQL's parser sees exactly the words Swift sees.
    public static func document(_ parts: [String]) -> String {
        parts.flatMap { rawWords($0) }.joined(separator: " ")
    }

    /// The words of a text before folding: lowercased runs of letters and digits.
    public static func rawWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A text without case or diacritics (what `lower(unaccent(…))` does to Vietnamese text).
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let replacement = strokes[scalar] {
                scalars.append(contentsOf: replacement.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The folded words of a text: what a query or a document is compared by.
    public static func words(_ text: String) -> [String] {
        rawWords(text).flatMap { rawWords(fold($0)) }
    }

    /// Whether every word of `query` is a word of `document` (both folded); a query without words matches nothing.
    public static func matches(query: String, document: String) -> Bool {
        let wanted = Set(words(query))
        guard !wanted.isEmpty else { return false }
        return wanted.isSubset(of: Set(words(document)))
    }

    /// Letters that carry no combining mark to strip but that unaccent folds all the same.
    private static let strokes: [Unicode.Scalar: String] = [
        "đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe", "ß": "ss",
    ]
}
