extension Projection {
    /// No tables declared: such a projection can run but cannot be rebuilt or checked (both refuse it).
    public var tables: [String] { [] }
}
