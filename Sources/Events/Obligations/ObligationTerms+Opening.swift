extension ObligationTerms {
    /// The instant `period`'s data window opens: local midnight, in the obligation's zone, of the
    /// window's first day (`dataWindow(for:)`). A report for the period is not filed, nor a receipt
    /// dated, before it. Every such bound goes through here, so a change to the window flows through.
    public func dataWindowOpens(for period: Period) -> Timestamp {
        dataWindow(for: period).from.instant(at: .midnight, in: zone)
    }
}
