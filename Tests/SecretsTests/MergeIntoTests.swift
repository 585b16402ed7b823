import Foundation
import Testing
import YAML
@testable import Secrets

@Suite("MergeInto")
struct MergeIntoTests {
    /// A sealed file made by kustos, and its path in a fresh directory.
    func sealedFile(_ args: [String], name: String = "db.yaml") throws -> String {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent(name).path
        let r = runSeal(["--cert", Fixture.key("tls.crt")] + args + ["-o", path])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    func lines(_ s: String) -> [String] { s.split(separator: "\n").map(String.init) }

    @Test func updatesOnlyTheGivenKeysAndKeepsOtherCiphertextsByteIdentical() throws {
        let path = try sealedFile(["--new", "db", "-n", "prod", "--keys", "username,password,host"])
        let before = try Fixture.text(path)
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", path],
                        stdin: "apiVersion: v1\nkind: Secret\nstringData:\n  password: n3w-pa55\n  port: \"5432\"\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let after = try Fixture.text(path)
        let old = lines(before), new = lines(after)
        for l in old where l.contains("username:") || l.contains("host:") { #expect(new.contains(l)) }
        #expect(old.first { $0.contains("password:") } != new.first { $0.contains("password:") })
        #expect(new.contains { $0.hasPrefix("    port: ") })
        let values = try #require(try unsealValues(after, key: try Fixture.privateKey).first)
        #expect(values["password"] == Array("n3w-pa55".utf8))
        #expect(values["port"] == Array("5432".utf8))
        #expect(values.values.allSatisfy { $0 != nil })
        // Same layout apart from the changed and added entries.
        #expect(Mask.apply(after) == Mask.apply(before).replacingOccurrences(
            of: "    host: <ciphertext>\n", with: "    host: <ciphertext>\n    password: <ciphertext>\n    port: <ciphertext>\n")
            .replacingOccurrences(of: "    password: <ciphertext>\n    username", with: "    username"))
    }

    @Test func keepsJSONTargetsInJSONAndLegacyTimestamps() throws {
        let path = try sealedFile(["--new", "db", "-n", "prod", "--keys", "a", "--legacy-creation-timestamp"], name: "db.json")
        #expect(try Fixture.text(path).hasPrefix("{\n  \"kind\": \"SealedSecret\""))
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", path, "--keys", "b"])
        #expect(r.status == 0, "\(r.stderr)")
        let after = try Fixture.text(path)
        #expect(after.hasPrefix("{\n  \"kind\": \"SealedSecret\""))
        #expect(after.contains("\"creationTimestamp\": null"))
        #expect(try unsealValues(after, key: try Fixture.privateKey).first?.keys.sorted() == ["a", "b"])
    }

    @Test func inheritsTheTargetsScope() throws {
        for scope in [SealingScope.namespaceWide, .clusterWide] {
            let path = try sealedFile(["--new", "shared", "-n", "tools", "--scope", scope.rawValue, "--keys", "a"])
            let r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", path],
                            stdin: "kind: Secret\nstringData:\n  b: two\n")
            #expect(r.status == 0, "\(r.stderr)")
            let values = try #require(try unsealValues(try Fixture.text(path), key: try Fixture.privateKey).first)
            #expect(values["b"] == Array("two".utf8))
            #expect(values["a"] != nil)
        }
    }

    @Test func refusesAScopeTheTargetDoesNotHave() throws {
        let path = try sealedFile(["--new", "db", "-n", "prod", "--keys", "a"])
        let before = try Fixture.text(path)
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", path, "--scope", "namespace-wide", "--keys", "b"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("strict-scoped but the new values would be sealed namespace-wide"))
        #expect(try Fixture.text(path) == before)
    }

    @Test func labelsAndAnnotationsMergeIntoATemplateWithoutThem() throws {
        let path = try sealedFile(["--new", "db", "-n", "prod", "--keys", "a"])
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", path],
                        stdin: "kind: Secret\nmetadata:\n  name: ignored\n  namespace: ignored-too\n  labels: {team: a}\n  annotations: {note: x}\nstringData: {b: v}\n")
        #expect(r.status == 0, "\(r.stderr)")
        let ss = try SealedSecret.decode(try Fixture.text(path), file: path)
        #expect(ss.metadata.name == "db" && ss.metadata.namespace == "prod")
        #expect(ss.template.metadata.labels == ["team": "a"])
        #expect(ss.template.metadata.annotations == ["note": "x"])
        #expect(try unsealValues(try Fixture.text(path), key: try Fixture.privateKey).first?["b"] == Array("v".utf8))
    }

    @Test func badTargets() throws {
        let dir = try Fixture.tempDir()
        let notSealed = dir.appendingPathComponent("cm.yaml").path
        try "apiVersion: v1\nkind: ConfigMap\n".write(toFile: notSealed, atomically: true, encoding: .utf8)
        var r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", notSealed, "--keys", "a"])
        #expect(r.status == 1)
        #expect(r.stderr == "kustos seal: \(notSealed): not a bitnami.com/v1alpha1 SealedSecret\n")
        r = runSeal(["--cert", Fixture.key("tls.crt"), "--merge-into", dir.appendingPathComponent("missing.yaml").path, "--keys", "a"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing.yaml: no such file"))
    }

    @Test func applyCopiesOnlyNewEntries() {
        let meta = ObjectMeta(name: "n", namespace: "ns")
        var target = SealedSecret(metadata: meta, template: .init(metadata: meta), encryptedData: ["a": "A", "b": "B"])
        var updateTemplate = SealedSecret.Template(metadata: meta)
        updateTemplate.metadata.labels = ["l": "1"]
        MergeInto.apply(SealedSecret(metadata: meta, template: updateTemplate, encryptedData: ["b": "B2", "c": "C"]), to: &target)
        #expect(target.encryptedData == ["a": "A", "b": "B2", "c": "C"])
        #expect(target.template.metadata.labels == ["l": "1"])
    }

    @Test func scopeChoice() {
        let cw = SealingScope.clusterWideAnnotation
        #expect(MergeInto.sealingScope(flag: nil, secretAnnotations: [:], target: .namespaceWide) == .namespaceWide)
        #expect(MergeInto.sealingScope(flag: nil, secretAnnotations: [:], target: .strict) == nil)
        #expect(MergeInto.sealingScope(flag: .strict, secretAnnotations: [:], target: .clusterWide) == .strict)
        #expect(MergeInto.sealingScope(flag: nil, secretAnnotations: [cw: "true"], target: .namespaceWide) == nil)
    }
}
