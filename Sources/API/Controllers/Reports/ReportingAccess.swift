import Events

/// Who may do what with reports (issue 3, "who may do what"): pure rules over the actor, the duty
/// and the obligation's terms.
enum ReportingAccess {
    /// A unit officer files, amends and re-submits for its own unit only.
    static func mayWriteForUnit(_ actor: ActorRef, _ duty: ReportingDuty) -> Bool {
        actor.role == .unitOfficer && actor.unitId == duty.unitId
    }

    /// An admin, or a supervisor of the recipient unit, records a report that came another way.
    static func mayRecordReceipt(_ actor: ActorRef, _ terms: ObligationTerms) -> Bool {
        actor.role == .admin || (actor.role == .supervisor && actor.unitId == terms.recipientUnitId)
    }

    /// A supervisor of the recipient unit returns, accepts and excuses.
    static func mayReview(_ actor: ActorRef, _ terms: ObligationTerms) -> Bool {
        actor.role == .supervisor && actor.unitId == terms.recipientUnitId
    }

    /// Confidential text is for the reporting unit, the recipient's supervisors, admins and auditors.
    static func mayReadText(_ actor: ActorRef, _ duty: ReportingDuty, _ terms: ObligationTerms?, confidential: Bool) -> Bool {
        guard confidential else { return true }
        switch actor.role {
        case .admin, .auditor: return true
        case .unitOfficer: return actor.unitId == duty.unitId
        case .supervisor: return actor.unitId != nil && actor.unitId == terms?.recipientUnitId
        case .monitor: return false
        }
    }
}
