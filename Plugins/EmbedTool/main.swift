import Foundation

// The build tool behind the `EmbeddedFiles` and `BuildCommit` plugins: it writes Swift sources that
// carry files' text and the commit the binary was built from, so that the executable needs no
// resource bundle beside it.
//
//   embed-tool files OUTPUT.swift ROOT FILE...   every FILE (a path under ROOT) as `EmbeddedFiles.all`
//   embed-tool commit OUTPUT.swift ID            `BuildCommit.id`
//
// An output is rewritten only when its text changes, so an unchanged input recompiles nothing.

/// A Swift string literal holding `text` exactly: every scalar kept, only what a literal cannot
/// hold escaped.
func literal(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + text.utf8.count / 16 + 2)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func write(_ source: String, to path: String) throws {
    let data = Data(source.utf8)
    if FileManager.default.contents(atPath: path) == data { return }
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("embed-tool: \(message)\n".utf8))
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: embed-tool files OUTPUT ROOT FILE... | commit OUTPUT ID") }
let output = arguments[1]

switch arguments[0] {
case "files":
    guard arguments.count >= 3 else { fail("files needs OUTPUT ROOT FILE...") }
    let root = URL(fileURLWithPath: arguments[2]).standardizedFileURL.path + "/"
    var entries: [(name: String, text: String)] = []
    for path in arguments.dropFirst(3) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard absolute.hasPrefix(root) else { fail("\(path) is not under \(root)") }
        guard let data = FileManager.default.contents(atPath: absolute) else { fail("cannot read \(path)") }
        guard let text = String(validating: data, as: UTF8.self) else {
            fail("\(path) is not UTF-8 text")
        }
        entries.append((String(absolute.dropFirst(root.count)), text))
    }
    entries.sort { $0.name < $1.name }
    var source = """
        // Generated at build time by the EmbeddedFiles plugin (Plugins/EmbeddedFiles) from the
        // target's files; edit those, never this.

        /// The target's data files, embedded in the binary at build time: each one's path under the
        /// target's folder and its text, sorted by path.
        package enum EmbeddedFiles {
            /// Every embedded file as (path under the target's folder, UTF-8 text), sorted by path.
            package static let all: [(path: String, text: String)] = [

        """
    for entry in entries {
        source += "        (\(literal(entry.name)), \(literal(entry.text))),\n"
    }
    source += "    ]\n}\n"
    try write(source, to: output)
case "commit":
    guard arguments.count == 3 else { fail("commit needs OUTPUT ID") }
    let source = """
        // Generated at build time by the BuildCommit plugin (Plugins/BuildCommit); edit nothing here.

        /// The source the binary was built from.
        package enum BuildCommit {
            /// The git commit (abbreviated), `OPINION_LEDGER_COMMIT` when set at build time, or
            /// "unknown" when neither was known.
            package static let id = \(literal(arguments[2]))
        }

        """
    try write(source, to: output)
default:
    fail("unknown mode \(arguments[0])")
}
