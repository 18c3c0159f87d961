/// What kind of body a unit is; obligations target units by kind ("every district People's Committee").
public enum UnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A provincial People's Committee or the province as a whole.
    case province
    /// A provincial department, board or sector (sở, ban, ngành), including the DIC.
    case provincialDepartment
    /// A district, town or city People's Committee.
    case districtCommittee
    /// A district office (phòng, ban).
    case districtOffice
    /// A commune or township committee (xã, thị trấn).
    case commune
    /// A provincial press agency.
    case pressAgency
    /// A resident office of a central press agency.
    case centralPressOffice
    /// A district culture, sports and media centre.
    case mediaCentre
    /// A Party committee (provincial or district).
    case partyCommittee
    /// A Party propaganda board (Ban Tuyên giáo).
    case propagandaBoard
    /// Anything else.
    case other
}
