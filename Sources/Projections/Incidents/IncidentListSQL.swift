import Events
import PostgresNIO

/// The WHERE clause and binds of a list query, built condition by condition.
struct IncidentListSQL {
    private var conditions: [String] = []
    private var binds = PostgresBindings()
    private var count = 0

    mutating func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String {
        binds.append(value)
        count += 1
        return "$\(count)"
    }

    private mutating func instant(_ value: Timestamp) -> String {
        "(to_timestamp(0) + \(bind(value.microsecondsSinceEpoch)) * interval '1 microsecond')"
    }

    /// A cursor's instant, kept inside PostgreSQL's range: any key before year −1200 compares like
    /// one in year −1200, since no incident is logged that early.
    private mutating func cursorInstant(_ key: Int64) -> String {
        instant(Timestamp(microsecondsSinceEpoch: max(key, -100_000_000_000_000_000)))
    }

    mutating func add(_ filter: IncidentListFilter) {
        if let status = filter.status { conditions.append("status = \(bind(status.rawValue))") }
        if let unit = filter.unitId { conditions.append("units @> ARRAY[\(bind(unit))]::text[]") }
        if let units = filter.anyOfUnits { conditions.append("units && \(bind(units.sorted()))::text[]") }
        if let units = filter.visibleUnits { conditions.append("units && \(bind(units.sorted()))::text[]") }
        if let source = filter.source { conditions.append("source = \(bind(source.rawValue))") }
        if let severity = filter.severity { conditions.append("severity = \(bind(severity.rawValue))") }
        if let topic = filter.topic { conditions.append("topics @> ARRAY[\(bind(topic))]::text[]") }
        if let overdue = filter.overdue {
            let late = "(status = 'open' AND next_due_at IS NOT NULL AND next_due_at < \(instant(filter.at)))"
            conditions.append(overdue ? late : "NOT \(late)")
        }
        if let hotSpot = filter.hotSpot { conditions.append("hot_spot = \(bind(hotSpot))") }
        if let text = filter.text {
            let words = IncidentSearchText.document([text])
            conditions.append("search_vector @@ plainto_tsquery('simple', lower(unaccent(\(bind(words)))))")
        }
    }

    /// The cursor condition: rows strictly after `(key, id)` in `order` (see `IncidentListOrder.isAfter`).
    mutating func add(_ order: IncidentListOrder, after: IncidentCursor?) {
        guard let after else { return }
        let op = order.descending ? "<" : ">"
        switch order {
        case .loggedAt, .loggedAtDescending:
            let ts = cursorInstant(after.key)
            conditions.append("(logged_at, incident_id) \(op) (\(ts), \(bind(after.incidentId)))")
        case .severity, .severityDescending:
            conditions.append("(severity_rank::bigint, incident_id) \(op) (\(bind(after.key)), \(bind(after.incidentId)))")
        case .dueAt, .dueAtDescending:
            // No running clock sorts after every instant (`IncidentListOrder.noClockKey`).
            let id = bind(after.incidentId)
            if after.key >= IncidentListOrder.noClockKey {
                conditions.append(
                    order.descending
                        ? "(next_due_at IS NOT NULL OR incident_id < \(id))" : "(next_due_at IS NULL AND incident_id > \(id))")
            } else {
                let ts = cursorInstant(after.key)
                conditions.append(
                    order.descending
                        ? "(next_due_at IS NOT NULL AND (next_due_at, incident_id) < (\(ts), \(id)))"
                        : "(next_due_at IS NULL OR (next_due_at, incident_id) > (\(ts), \(id)))")
            }
        }
    }

    func query(order: IncidentListOrder, limit: Int) -> PostgresQuery {
        let sorting = orderBy(order)
        let sql = """
            SELECT row_to_json(r)::text FROM (
                SELECT incident_id, status, source, outlet, url, title, summary, topics, unit_ids, assigned_unit_id, units,
                    severity, severity_rank, reach, hot_spot, sighting_count,
                    (extract(epoch FROM published_at) * 1000000)::bigint AS published_at,
                    (extract(epoch FROM logged_at) * 1000000)::bigint AS logged_at,
                    (extract(epoch FROM assignment_due_at) * 1000000)::bigint AS assignment_due_at,
                    (extract(epoch FROM next_due_at) * 1000000)::bigint AS next_due_at,
                    merged_into, (extract(epoch FROM last_event_at) * 1000000)::bigint AS last_event_at,
                    search_text AS search_document, version, last_position
                FROM open_incidents
                WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
                ORDER BY \(sorting)
                LIMIT \(limit)
            ) r
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The query of a page over `incident_versions`: the versions valid at `position`, read as
    /// `id lastPosition state-json` (in no order). Newest or oldest first, it starts at the latest
    /// logged-at of the incidents logged by `position` (`logged_high`): none logged later can be part
    /// of the answer.
    mutating func versionsQuery(order: IncidentListOrder, limit: Int, position: Int64) -> PostgresQuery {
        let at = bind(position)
        conditions.append("valid_from <= \(at)")
        conditions.append("coalesce(valid_to, 9223372036854775807) > \(at)")
        conditions.append("logged_from <= \(at)")
        if order == .loggedAt || order == .loggedAtDescending {
            conditions.append(
                """
                logged_at <= (SELECT h.logged_high FROM incident_versions h WHERE h.logged_from <= \(at)
                    ORDER BY h.logged_from DESC LIMIT 1)
                """)
        }
        // The page's rows first, then only their states (in no order: the caller sorts the page).
        let sql = """
            SELECT p.incident_id || ' ' || p.last_position || ' ' || s.state::text FROM (
                SELECT incident_id, valid_from, last_position FROM incident_versions
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY \(orderBy(order))
                LIMIT \(limit)
            ) p JOIN incident_states s USING (incident_id, valid_from)
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    private func orderBy(_ order: IncidentListOrder) -> String {
        let direction = order.descending ? "DESC" : "ASC"
        switch order {
        case .loggedAt, .loggedAtDescending: return "logged_at \(direction), incident_id \(direction)"
        case .severity, .severityDescending: return "severity_rank \(direction), incident_id \(direction)"
        case .dueAt: return "next_due_at ASC NULLS LAST, incident_id ASC"
        case .dueAtDescending: return "next_due_at DESC NULLS FIRST, incident_id DESC"
        }
    }
}
