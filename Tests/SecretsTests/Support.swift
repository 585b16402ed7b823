import Foundation
import Testing
import YAML
@testable import Secrets

/// Paths, in-process runs and verification helpers shared by the sealing suites.
enum Fixture {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$KUSTOS_SHARED`, default `../shared` next to the repository (as in CI).
    static let shared: URL = {
        if let env = ProcessInfo.processInfo.environment["KUSTOS_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env, relativeTo: repoRoot).standardizedFileURL
        }
        return repoRoot.appendingPathComponent("../shared").standardizedFileURL
    }()

    static let sealedSecrets = shared.appendingPathComponent("sealed-secrets")
    static let examples = repoRoot.appendingPathComponent("fixtures/seal/examples")

    static func key(_ name: String) -> String {
        sealedSecrets.appendingPathComponent("testkeys/\(name)").path
    }

    static func example(_ dir: String, _ file: String) -> String {
        examples.appendingPathComponent("\(dir)/\(file)").path
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static var cert: SealingCertificate {
        get throws { try SealingCertificate.load(path: key("tls.crt")) }
    }

    static var privateKey: RSAPrivateKey {
        get throws { try RSAPrivateKey.load(path: key("tls.key")) }
    }

    /// The object examples and the extra flags their `command.txt` uses.
    static let objectExamples: [(dir: String, args: [String])] = [
        ("01-data", []), ("02-stringdata", []), ("03-data-and-stringdata", []),
        ("04-dockerconfigjson", []), ("05-labels-annotations", []),
        ("06-no-namespace", ["--namespace", "default"]),
        ("07-namespace-wide-annotation", []),
        ("08-cluster-wide-flag-no-namespace", ["--scope", "cluster-wide"]),
        ("09-from-cluster", []), ("10-tls-immutable", []), ("11-multi-document", []),
        ("13-empty-data", ["--allow-empty-data"]), ("14-yaml11-scalars", []),
    ]

    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-seal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// `mask.py` in Swift: every base64 token that decodes to a hybrid ciphertext becomes `<ciphertext>`.
enum Mask {
    static func isB64(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 43 || c == 47
    }

    static func apply(_ text: String) -> String {
        let u = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            let prevIsB64 = i > 0 && (isB64(u[i - 1]) || u[i - 1] == 61)
            if isB64(u[i]) && !prevIsB64 {
                var j = i
                while j < u.count && isB64(u[j]) { j += 1 }
                var k = j
                while k < u.count && k - j < 2 && u[k] == 61 { k += 1 }
                let nextOK = k >= u.count || !(isB64(u[k]) || u[k] == 61)
                let token = String(decoding: u[i..<k], as: UTF8.self)
                if j - i >= 40, nextOK, let raw = Base64.decode(token), raw.count >= 2 {
                    let n = Int(raw[0]) << 8 | Int(raw[1])
                    if n >= 64 && n <= 2048 && raw.count >= 2 + n + 16 {
                        out += Array("<ciphertext>".utf8)
                        i = k
                        continue
                    }
                }
                out += u[i..<j]
                i = j
                continue
            }
            out.append(u[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Captures what an in-process `kustos seal` run prints.
final class Captured: @unchecked Sendable {
    var stdout = ""
    var stderr = ""
}

/// A scripted terminal for `--prompt`.
struct ScriptedReader: SecretReader {
    var answers: [String]
    var prompts: [String] = []
    var notices: [String] = []

    mutating func readSecret(prompt: String) throws(SealError) -> String {
        prompts.append(prompt)
        guard !answers.isEmpty else { throw SealError.terminal("cancelled") }
        return answers.removeFirst()
    }

    mutating func notice(_ text: String) { notices.append(text) }
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `kustos seal` in process with the given stdin and terminal.
func runSeal(_ args: [String], stdin: String = "", terminal: ScriptedReader? = nil,
             now: Date = Date(), random: ((Int) -> String)? = nil) -> RunResult {
    let captured = Captured()
    let input = Array(stdin.utf8)
    var env = SealEnvironment(
        readStdin: { () throws(SealError) -> [UInt8] in input },
        stdinIsTerminal: terminal != nil,
        writeStdout: { captured.stdout += $0 },
        writeStderr: { captured.stderr += $0 },
        secretReader: terminal,
        now: { now },
        randomValue: random ?? { RandomValues.generate(length: $0) })
    let status = SealCommand.run(args, environment: &env)
    return RunResult(status: status, stdout: captured.stdout, stderr: captured.stderr)
}

/// Decrypts every value of SealedSecret text with libcrypto under `scope` (nil: the object's own).
func unsealValues(_ text: String, key: RSAPrivateKey, scope: SealingScope? = nil) throws -> [[String: [UInt8]?]] {
    var result: [[String: [UInt8]?]] = []
    for doc in try DocumentStream.read(text, file: "test") {
        let ss = try SealedSecret.decode(IndentedJSON.encode(doc.node), file: "test")
        let label = (scope ?? ss.scope).label(namespace: ss.metadata.namespace, name: ss.metadata.name)
        var values: [String: [UInt8]?] = [:]
        for (k, v) in ss.encryptedData {
            values[k] = Base64.decode(v).flatMap { HybridEncryption.decrypt($0, label: label, key: key) }
        }
        result.append(values)
    }
    return result
}

/// python3 with `cryptography` and PyYAML, for the independent verifier `unseal.py`.
enum Python {
    static let available: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import cryptography, yaml"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
            && FileManager.default.fileExists(atPath: Fixture.sealedSecrets.appendingPathComponent("unseal.py").path)
    }()

    /// Runs `unseal.py ARGS` with `stdin`; returns status and stdout.
    static func unseal(_ args: [String], stdin: String) throws -> (status: Int32, stdout: Data, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Fixture.sealedSecrets.appendingPathComponent("unseal.py").path] + args
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, out, String(decoding: err, as: UTF8.self))
    }
}
