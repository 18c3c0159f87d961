import ArgumentParser
import EventStore
import Events
import Foundation

/// `opinion-ledger verify --file export.ndjson [--checkpoint cp.json --public-key KEY]`: verifies an
/// export without a database; with a signed checkpoint, also proves the export still holds its head.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an NDJSON export offline (hash chain, and optionally a signed checkpoint).",
        discussion: "Exits 0 when valid, 1 when the export (or the checkpoint) does not verify.")

    @Option(help: "The export to verify (NDJSON from `export` or GET /v1/audit/export).")
    var file: String
    @Option(help: "A checkpoint saved from GET /v1/audit/checkpoint; the export must hold its hash at its position.")
    var checkpoint: String?
    @Option(help: "The Ed25519 public key (base64), or a file holding it or GET /v1/audit/public-key's answer.")
    var publicKey: String?

    func validate() throws {
        if checkpoint != nil, publicKey == nil {
            throw ValidationError("--checkpoint needs --public-key: an unsigned checkpoint proves nothing")
        }
    }

    func run() async throws {
        var signed: SignedCheckpoint?
        if let checkpoint {
            guard let data = FileManager.default.contents(atPath: checkpoint),
                let decoded = try? JSONDecoder().decode(SignedCheckpoint.self, from: data)
            else {
                throw ValidationError("\(checkpoint) is not a checkpoint saved from GET /v1/audit/checkpoint")
            }
            do {
                try CheckpointSignatureCheck.verify(decoded, publicKeyBase64: try Self.publicKeyText(publicKey ?? ""))
            } catch let refused as CheckpointSignatureCheck.Refused {
                print("INVALID checkpoint: \(refused.description)")
                throw ExitCode(1)
            }
            signed = decoded
        }
        guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot read \(file)") }
        var verifier = ExportVerifier(checkpoint: signed?.head, linkHash: HashChain.hash)
        var failure: ExportVerification?
        try NDJSONLines.forEach(in: handle) { line in
            failure = verifier.check(line)
            return failure == nil
        }
        let result = failure ?? verifier.finish()
        report(result, checkpoint: signed)
        if !result.valid { throw ExitCode(1) }
    }

    private func report(_ result: ExportVerification, checkpoint: SignedCheckpoint?) {
        if let start = result.start, !result.startsAtGenesis {
            print(
                "note: the export starts at position \(start.position); it was verified from its first line's previousHash \(start.hash), not from the genesis"
            )
        }
        guard result.valid else {
            let failure = result.failure!
            let position = failure.position.map { " (position \($0))" } ?? ""
            print("INVALID at line \(failure.line)\(position): \(failure.reason)")
            print("\(result.checked) lines verified before it")
            return
        }
        if let head = result.head {
            print("valid: \(result.checked) events checked, head position \(head.position) hash \(head.hash)")
        } else {
            print("valid: the export is empty")
        }
        if let checkpoint {
            print(
                "checkpoint: position \(checkpoint.position) hash \(checkpoint.hash), signed by key \(checkpoint.keyId) at \(checkpoint.signedAt): the export still holds it"
            )
        }
    }

    /// The base64 key from the option: the text itself, or a file holding it or the public-key JSON.
    static func publicKeyText(_ option: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: option) else { return option }
        struct Document: Decodable { var publicKey: String }
        if let document = try? JSONDecoder().decode(Document.self, from: data) { return document.publicKey }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reads a file line by line in chunks, so a large export is never held in memory whole.
enum NDJSONLines {
    /// Calls `body` with each line (without `\n`); a final empty line is skipped; stops when `body` returns false.
    static func forEach(in handle: FileHandle, _ body: (ArraySlice<UInt8>) throws -> Bool) throws {
        var pending: [UInt8] = []
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending += chunk
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                guard try body(pending[start..<newline]) else { return }
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { _ = try body(pending[...]) }
    }
}
