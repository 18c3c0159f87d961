/// Event type names: a letter, then letters, digits and dots, at most 100 characters.
public enum EventTypeName {
    /// The rule, as shown in error messages.
    public static let pattern = "^[A-Za-z][A-Za-z0-9.]{0,99}$"

    /// Whether `name` follows the rule.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...100).contains(bytes.count) else { return false }
        func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
        return isLetter(bytes[0]) && bytes.allSatisfy { isLetter($0) || (48...57).contains($0) || $0 == UInt8(ascii: ".") }
    }
}
