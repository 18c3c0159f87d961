import Foundation

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds, as a floating-point number.
    var milliseconds: Double { seconds * 1_000 }
}

extension Double {
    /// The number with exactly `decimals` digits after the point (C locale, no grouping).
    func formatted(decimals: Int) -> String {
        String(format: "%.\(decimals)f", self)
    }
}
