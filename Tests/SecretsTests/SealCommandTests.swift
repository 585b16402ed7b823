import Foundation
import Testing
import YAML
@testable import Secrets

@Suite("SealCommand")
struct SealCommandTests {
    let cert = Fixture.key("tls.crt")

    @Test func sealsStdinToJSONByDefault() throws {
        let r = runSeal(["--cert", cert], stdin: try Fixture.text(Fixture.example("01-data", "secret.yaml")))
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(Mask.apply(r.stdout) == (try Fixture.text(Fixture.example("01-data", "expected.json"))))
    }

    @Test func helpAndUsage() {
        let h = runSeal(["--help"])
        #expect(h.status == 0 && h.stdout.hasPrefix("Usage:"))
        let u = runSeal(["--cert", cert, "--nope"])
        #expect(u.status == 2)
        #expect(u.stderr == "kustos seal: unknown flag --nope (see kustos seal --help)\n")
        #expect(u.stdout.isEmpty)
    }

    @Test func badInputIsOneLineNamingTheFile() throws {
        let dir = try Fixture.tempDir()
        let file = dir.appendingPathComponent("s.yaml").path
        let cases: [(String, [String], String)] = [
            ("kind: Secret\nmetadata: {name: a}\nstringData: {k: v}\n", [], "\(file):1: strict scope needs a namespace: set metadata.namespace or pass --namespace (kustos reads no kubeconfig)"),
            ("kind: Secret\nmetadata: {name: a, namespace: b}\nstringData: {k: v}\n", ["--scope", "namespace-wide", "-n", "c"], "\(file):1: namespace mismatch: the Secret is in namespace \"b\" but --namespace \"c\" was given"),
            ("kind: Secret\nmetadata: {namespace: b}\nstringData: {k: v}\n", [], "\(file):1: missing metadata.name (set it in the Secret or pass --name)"),
            ("kind: Secret\nmetadata: {name: a, namespace: b}\n", [], "\(file):1: the Secret has no data or stringData; pass --allow-empty-data if an empty SealedSecret is intended"),
            ("kind: Secret\nmetadata: {name: a, namespace: b}\ndata: {}\nstringData: {}\n", [], "\(file):1: the Secret has no data or stringData; pass --allow-empty-data if an empty SealedSecret is intended"),
            ("# nothing\n", [], "\(file): no Secret found in the input"),
        ]
        for (text, args, message) in cases {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let r = runSeal(["--cert", cert, "-f", file] + args)
            #expect(r.status == 1)
            #expect(r.stderr == "kustos seal: \(message)\n")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func strictScopeNeedsAName() {
        let r = runSeal(["--cert", cert, "-n", "x"], stdin: "kind: Secret\nstringData: {k: v}\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing metadata.name"))
        let ok = runSeal(["--cert", cert, "-n", "x", "--name", "given"], stdin: "kind: Secret\nstringData: {k: v}\n")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("\"name\": \"given\""))
    }

    @Test func certificateChecks() {
        let ec = runSeal(["--cert", Fixture.key("ec.crt"), "--raw", "--scope", "cluster-wide"], stdin: "x")
        #expect(ec.status == 1)
        #expect(ec.stderr.contains("ec.crt: expected an RSA public key but the certificate holds an EC key"))
        #expect(ec.stdout.isEmpty)
        let expired = runSeal(["--cert", Fixture.key("expired.crt"), "--raw", "--scope", "cluster-wide"], stdin: "x")
        #expect(expired.status == 0)
        #expect(expired.stderr.hasPrefix("kustos seal: warning: certificate \(Fixture.key("expired.crt")) expired on January 1, 2017"))
        #expect(!expired.stdout.isEmpty)
        let missing = runSeal(["--cert", "/nonexistent.pem", "--raw", "--scope", "cluster-wide"], stdin: "x")
        #expect(missing.status == 1)
        #expect(missing.stderr == "kustos seal: /nonexistent.pem: cannot read the certificate file\n")
    }

    @Test func rawSealsBytesVerbatimWithoutNewline() throws {
        let r = runSeal(["--cert", cert, "--raw", "-n", "prod", "--name", "db"], stdin: "line\n")
        #expect(r.status == 0)
        #expect(!r.stdout.hasSuffix("\n"))
        #expect(Mask.apply(r.stdout) == "<ciphertext>")
        let blob = try #require(Base64.decode(r.stdout))
        #expect(HybridEncryption.decrypt(blob, label: Array("prod/db".utf8), key: try Fixture.privateKey) == Array("line\n".utf8))
        #expect(HybridEncryption.decrypt(blob, label: Array("prod".utf8), key: try Fixture.privateKey) == nil)
    }

    @Test func rawFromFileWithKeyPrefix() throws {
        let r = runSeal(["--cert", cert, "--raw", "--scope", "namespace-wide", "-n", "prod",
                         "--from-file", "password=" + Fixture.example("12-raw", "value.txt")])
        #expect(r.status == 0, "\(r.stderr)")
        let blob = try #require(Base64.decode(r.stdout))
        #expect(HybridEncryption.decrypt(blob, label: Array("prod".utf8), key: try Fixture.privateKey) == Array("s3cr3t".utf8))
    }

    @Test func newWithRandomValues() throws {
        let dir = try Fixture.tempDir()
        let out = dir.appendingPathComponent("db.yaml").path
        let r = runSeal(["--cert", cert, "--new", "db", "--namespace", "prod", "--keys", "username,password",
                         "--type", "kubernetes.io/basic-auth", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let text = try Fixture.text(out)
        #expect(Mask.apply(text) == """
            ---
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata:
              name: db
              namespace: prod
            spec:
              encryptedData:
                password: <ciphertext>
                username: <ciphertext>
              template:
                metadata:
                  name: db
                  namespace: prod
                type: kubernetes.io/basic-auth

            """)
        let values = try #require(try unsealValues(text, key: try Fixture.privateKey).first)
        for k in ["username", "password"] {
            let v = try #require(values[k] ?? nil)
            #expect(v.count == 32)
        }
        #expect(values["username"] != values["password"])
        // An existing file is not replaced without --force.
        let again = runSeal(["--cert", cert, "--new", "db", "-n", "prod", "--keys", "a", "-o", out])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists; pass --force"))
        #expect(try Fixture.text(out) == text)
        let forced = runSeal(["--cert", cert, "--new", "db", "-n", "prod", "--keys", "a", "-o", out, "--force", "--length", "40"])
        #expect(forced.status == 0)
        #expect(try unsealValues(try Fixture.text(out), key: try Fixture.privateKey).first?["a"]??.count == 40)
    }

    @Test func newWithPromptAndEnvFile() throws {
        let dir = try Fixture.tempDir()
        let env = dir.appendingPathComponent("prod.env").path
        try "username=admin\n".write(toFile: env, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("db.json").path
        let tty = ScriptedReader(answers: ["pr0d-pa55", "pr0d-pa55"])
        let r = runSeal(["--cert", cert, "--new", "db", "-n", "prod", "--keys", "username,password",
                         "--from-env-file", env, "--prompt", "-o", out], terminal: tty)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try Fixture.text(out)
        #expect(text.hasPrefix("{\n"))
        let values = try #require(try unsealValues(text, key: try Fixture.privateKey).first)
        #expect(values["username"] == Array("admin".utf8))
        #expect(values["password"] == Array("pr0d-pa55".utf8))
    }

    @Test func promptIsRefusedWithoutATerminal() throws {
        let dir = try Fixture.tempDir()
        let out = dir.appendingPathComponent("db.yaml").path
        let r = runSeal(["--cert", cert, "--new", "db", "-n", "prod", "--keys", "password", "--prompt", "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr == "kustos seal: --prompt needs a terminal on stdin; in scripts pass the values with --from-env-file FILE\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        // With an env file holding every key, no terminal is needed.
        let env = dir.appendingPathComponent("v.env").path
        try "password=from-file\n".write(toFile: env, atomically: true, encoding: .utf8)
        let ok = runSeal(["--cert", cert, "--new", "db", "-n", "prod", "--from-env-file", env, "--prompt", "-o", out])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try unsealValues(try Fixture.text(out), key: try Fixture.privateKey).first?["password"] == Array("from-file".utf8))
    }

    @Test func envFileMissingKey() throws {
        let dir = try Fixture.tempDir()
        let env = dir.appendingPathComponent("v.env").path
        try "a=1\n".write(toFile: env, atomically: true, encoding: .utf8)
        let r = runSeal(["--cert", cert, "--new", "db", "-n", "prod", "--keys", "a,b", "--from-env-file", env])
        #expect(r.status == 1)
        #expect(r.stderr == "kustos seal: \(env): no value for b (add it, or pass --prompt to type it)\n")
    }

    @Test func outputFileIsWrittenAtomicallyWithFormatFromExtension() throws {
        let dir = try Fixture.tempDir()
        for (name, prefix) in [("a.yaml", "---\n"), ("a.json", "{\n"), ("a.txt", "---\n")] {
            let out = dir.appendingPathComponent(name).path
            let r = runSeal(["--cert", cert, "-w", out, Fixture.example("01-data", "secret.yaml")])
            #expect(r.status == 0)
            #expect(try Fixture.text(out).hasPrefix(prefix))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("kustos-") }
        #expect(leftovers.isEmpty)
    }

    /// No plaintext value reaches stdout, stderr or any file, in any mode, on success or failure.
    @Test func plaintextNeverLeaks() throws {
        let dir = try Fixture.tempDir()
        let secrets = ["Pl41n-Str1ngData-V4lue", "Pl41n-D4ta-V4lue", "Pr0mpted-V4lue-XYZ", "Env-F1le-V4lue-QRS", "R4ndom-V4lue-ABCDEFGHIJKLMN", "R4w-V4lue-Stdin"]
        func leaks(_ text: String) -> [String] {
            secrets.filter { s in
                text.contains(s) || text.contains(Base64.encode(Array(s.utf8)))
                    || text.contains(String(Base64.encode(Array(s.utf8)).dropLast(4)))
            }
        }
        let input = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: leak
              namespace: prod
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"s":"Pl41n-Str1ngData-V4lue"}}'
            stringData:
              s: Pl41n-Str1ngData-V4lue
            data:
              d: \(Base64.encode(Array("Pl41n-D4ta-V4lue".utf8)))
            """
        var transcript = ""
        func record(_ r: RunResult) { transcript += r.stdout + r.stderr }
        for fmt in ["yaml", "json"] { record(runSeal(["--cert", cert, "-o", fmt], stdin: input)) }
        // Failing runs: missing namespace, wrong base64, namespace mismatch, bad cert.
        record(runSeal(["--cert", cert], stdin: input.replacingOccurrences(of: "  namespace: prod\n", with: "")))
        record(runSeal(["--cert", cert], stdin: input.replacingOccurrences(of: "  d: ", with: "  d: Pl41n-D4ta-V4lue")))
        record(runSeal(["--cert", cert, "--scope", "namespace-wide", "-n", "other"], stdin: input))
        record(runSeal(["--cert", Fixture.key("ec.crt")], stdin: input))
        record(runSeal(["--cert", cert, "--raw", "--scope", "cluster-wide"], stdin: "R4w-V4lue-Stdin"))
        let env = dir.appendingPathComponent("v.env").path
        try "e=Env-F1le-V4lue-QRS\nbroken line R4w-V4lue-Stdin\n".write(toFile: env, atomically: true, encoding: .utf8)
        record(runSeal(["--cert", cert, "--new", "x", "-n", "p", "--from-env-file", env, "-o", dir.appendingPathComponent("bad.yaml").path]))
        try "e=Env-F1le-V4lue-QRS\n".write(toFile: env, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("new.yaml").path
        record(runSeal(["--cert", cert, "--new", "x", "-n", "p", "--keys", "e,p,r", "--from-env-file", env, "--prompt", "-o", out],
                       terminal: ScriptedReader(answers: ["Pr0mpted-V4lue-XYZ", "Pr0mpted-V4lue-XYZ", "", "Pr0mpted-V4lue-XYZ", "wrong",
                                                         "Pr0mpted-V4lue-XYZ", "Pr0mpted-V4lue-XYZ"]),
                       random: { _ in "R4ndom-V4lue-ABCDEFGHIJKLMN" }))
        record(runSeal(["--cert", cert, "--new", "y", "-n", "p", "--keys", "r", "-o", dir.appendingPathComponent("r.yaml").path],
                       random: { _ in "R4ndom-V4lue-ABCDEFGHIJKLMN" }))
        record(runSeal(["--cert", cert, "--merge-into", out], stdin: "kind: Secret\nstringData: {m: Pl41n-Str1ngData-V4lue}\n"))
        #expect(leaks(transcript).isEmpty, "leaked: \(leaks(transcript))")
        #expect(!transcript.contains("last-applied-configuration"))
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) where file != "v.env" {
            let text = try Fixture.text(dir.appendingPathComponent(file).path)
            #expect(leaks(text).isEmpty, "\(file) leaked \(leaks(text))")
        }
        // The values did get sealed.
        let values = try #require(try unsealValues(try Fixture.text(out), key: try Fixture.privateKey).first)
        #expect(values["e"] == Array("Env-F1le-V4lue-QRS".utf8))
        #expect(values["p"] == Array("Pr0mpted-V4lue-XYZ".utf8))
        #expect(values["m"] == Array("Pl41n-Str1ngData-V4lue".utf8))
    }
}
