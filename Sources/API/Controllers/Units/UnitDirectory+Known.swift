import Projections

extension UnitDirectory {
    /// Refuses a query parameter naming a unit the directory has never known (at any date, as of its
    /// cut): 404 `not-found` naming `parameter`. An unknown subtree is not an empty one.
    func requireKnown(_ unitId: String?, _ parameter: String) throws(APIError) {
        guard let unitId, unit(unitId, on: .latest) == nil else { return }
        throw APIError(.notFound, "no unit \(unitId)", field: parameter)
    }
}
