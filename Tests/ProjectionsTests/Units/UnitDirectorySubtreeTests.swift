import Events
import Projections
import Testing

/// `subtree(of:on:)` and `everUnder` walk only the units ever placed under a unit; they answer what
/// the whole tree answers (the oracle below rebuilds every parent → children link on the date from
/// every unit), on every date of a tree with moves back and forth, merges, a deactivation, units
/// registered late and a unit registered under a parent that does not exist yet.
@Suite struct UnitDirectorySubtreeTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    static let directory: UnitDirectory = {
        var directory = UnitDirectory()
        var position: Int64 = 0
        func add(_ event: UnitEvent) {
            position += 1
            directory.apply(event, position: position)
        }
        let start = date("2024-01-01")
        let units: [(String, UnitKind, String?, LocalDate)] = [
            ("tinh", .province, nil, start), ("huyen-a", .districtCommittee, "tinh", start),
            ("huyen-b", .districtCommittee, "tinh", start), ("xa-1", .commune, "huyen-a", start), ("xa-2", .commune, "huyen-a", start),
            ("xa-3", .commune, "huyen-b", date("2024-06-01")), ("thon", .commune, "xa-1", start),
            ("xa-4", .commune, "huyen-c", start), ("huyen-c", .districtCommittee, "tinh", date("2024-09-01")),
        ]
        for (id, kind, parent, from) in units {
            add(.registered(UnitRegistered(unitId: id, name: id, kind: kind, parentId: parent, effectiveFrom: from)))
        }
        add(.moved(UnitMoved(unitId: "xa-1", parentId: "huyen-b", effectiveFrom: date("2024-03-01"))))
        add(.moved(UnitMoved(unitId: "xa-1", parentId: "huyen-a", effectiveFrom: date("2024-08-01"))))
        add(.moved(UnitMoved(unitId: "huyen-b", parentId: nil, effectiveFrom: date("2024-10-01"))))
        add(.merged(UnitMerged(unitId: "xa-2", intoUnitId: "xa-1", effectiveFrom: date("2024-05-01"))))
        add(.deactivated(UnitDeactivated(unitId: "xa-3", effectiveFrom: date("2024-11-01"), reason: nil)))
        add(.moved(UnitMoved(unitId: "nobody", parentId: "tinh", effectiveFrom: start)))
        return directory
    }()

    /// The tree's answer from every unit on the date.
    static func wholeTreeSubtree(of id: String, on date: LocalDate) -> Set<String> {
        let all = directory.units(on: date)
        guard all.contains(where: { $0.id == id }) else { return [] }
        var children: [String: [String]] = [:]
        for unit in all { if let parent = unit.parentId { children[parent, default: []].append(unit.id) } }
        var result: Set<String> = []
        var queue = [id]
        while let next = queue.popLast() {
            guard result.insert(next).inserted else { continue }
            queue.append(contentsOf: children[next] ?? [])
        }
        return result
    }

    @Test func subtreesOnEveryDateAreTheWholeTreesAnswer() {
        let ids = ["tinh", "huyen-a", "huyen-b", "huyen-c", "xa-1", "xa-2", "xa-3", "xa-4", "thon", "nobody"]
        var date = Self.date("2023-12-30")
        var checked = 0
        while date <= Self.date("2024-12-31") {
            for id in ids {
                #expect(Self.directory.subtree(of: id, on: date) == Self.wholeTreeSubtree(of: id, on: date), "\(id) on \(date)")
                #expect(Self.directory.everUnder(id).isSuperset(of: Self.directory.subtree(of: id, on: date)), "\(id) on \(date)")
                checked += 1
            }
            date = date.adding(days: 1)!
        }
        #expect(checked > 3_000)
        #expect(Self.directory.subtree(of: "tinh", on: Self.date("2024-04-01")).contains("thon"), "through a moved unit")
        #expect(!Self.directory.subtree(of: "tinh", on: Self.date("2024-10-01")).contains("huyen-b"), "moved to the top")
        #expect(Self.directory.everUnder("huyen-b") == ["huyen-b", "xa-1", "xa-3", "thon"])
        #expect(Self.directory.everUnder("huyen-c") == ["huyen-c", "xa-4"])
    }
}
