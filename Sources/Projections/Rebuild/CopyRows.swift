import Foundation
import Events
import Logging
import PostgresNIO

/// Rows in the text format of `COPY … FROM STDIN`: fields separated by tabs, rows by newlines,
/// `\N` for NULL, and backslash, tab, newline and carriage return escaped in values.
struct CopyRows {
    private(set) var bytes: [UInt8] = []
    /// Rows ended so far.
    private(set) var count = 0
    private var fieldsInRow = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    /// A text value.
    mutating func text(_ value: String) {
        separate()
        Self.escape(value.utf8, into: &bytes)
    }

    /// A text value or NULL.
    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// NULL.
    mutating func null() {
        separate()
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "N"))
    }

    /// An integer.
    mutating func integer(_ value: some BinaryInteger) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// An integer or NULL.
    mutating func integer(_ value: Int64?) {
        if let value { integer(value) } else { null() }
    }

    /// A boolean (`t` or `f`).
    mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// An instant, as RFC 3339 in UTC with microseconds (a `timestamptz` reads it exactly).
    mutating func timestamp(_ value: Timestamp) {
        separate()
        bytes.append(contentsOf: value.rfc3339.utf8)
    }

    /// An instant or NULL.
    mutating func timestamp(_ value: Timestamp?) {
        if let value { timestamp(value) } else { null() }
    }

    /// A JSON document (for a `jsonb` column), given as its UTF-8 bytes.
    mutating func json(_ utf8: Data) {
        separate()
        utf8.withUnsafeBytes { Self.escape($0, into: &bytes) }
    }

    /// A `text[]` value: an array literal with every element quoted, then escaped for COPY.
    mutating func textArray(_ values: [String]) {
        separate()
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for (index, value) in values.enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            literal.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        Self.escape(literal, into: &bytes)
    }

    /// Ends the current row.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
        count += 1
    }

    /// Empties the rows, keeping the storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
        fieldsInRow = 0
    }

    private static func escape(_ utf8: some Sequence<UInt8>, into bytes: inout [UInt8]) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            default: bytes.append(byte)
            }
        }
    }
}

extension PostgresConnection {
    /// Copies `items` into `table` (unqualified: resolved by the transaction's `search_path`) as
    /// `COPY … FROM STDIN` rows: chunks of `chunkSize` items are encoded by `encode` on up to
    /// `parallelism` tasks (both cores) while earlier chunks are sent, in order, and PostgreSQL
    /// reads them. Nothing is sent when there are no items.
    func copy<Item: Sendable>(
        _ items: [Item], into table: String, columns: [String], chunkSize: Int = 512, parallelism: Int = 2, logger: Logger,
        encode: @escaping @Sendable (ArraySlice<Item>, inout CopyRows) throws -> Void
    ) async throws {
        guard !items.isEmpty else { return }
        let chunks = stride(from: 0, to: items.count, by: chunkSize).map { $0..<min($0 + chunkSize, items.count) }
        try await copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
                var launched = 0
                func launch() {
                    let index = launched
                    let chunk = items[chunks[index]]
                    group.addTask {
                        var rows = CopyRows(reservingCapacity: chunk.count * 256)
                        try encode(chunk, &rows)
                        return (index, rows.bytes)
                    }
                    launched += 1
                }
                while launched < min(parallelism + 1, chunks.count) { launch() }
                var ready: [Int: [UInt8]] = [:]
                var sent = 0
                for try await (index, bytes) in group {
                    ready[index] = bytes
                    while let bytes = ready.removeValue(forKey: sent) {
                        try await writer.write(ByteBuffer(bytes: bytes))
                        sent += 1
                    }
                    if launched < chunks.count { launch() }
                }
            }
        }
    }
}
