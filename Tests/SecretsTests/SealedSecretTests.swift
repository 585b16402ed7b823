import Foundation
import Testing
import YAML
@testable import Secrets

/// Golden layouts: kustos output, ciphertexts masked, equals kubeseal's byte for byte.
@Suite("SealedSecret layout")
struct SealedSecretTests {
    static let cases: [(String, [String], String)] = Fixture.objectExamples.flatMap { ex in
        [("yaml", [], "expected.yaml"), ("json", [], "expected.json"),
         ("yaml", ["--legacy-creation-timestamp"], "expected-legacy.yaml"),
         ("json", ["--legacy-creation-timestamp"], "expected-legacy.json")]
            .map { (ex.dir, ex.args + ["-o", $0.0] + $0.1, $0.2) }
    }

    @Test(arguments: cases)
    func kubesealLayout(dir: String, args: [String], expected: String) throws {
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "-f", Fixture.example(dir, "secret.yaml")] + args)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Mask.apply(r.stdout) == (try Fixture.text(Fixture.example(dir, expected))))
    }

    /// Every value decrypts with libcrypto to what the controller would create (unsealed.json).
    @Test(arguments: Fixture.objectExamples.map(\.dir))
    func valuesDecryptToReference(dir: String) throws {
        let args = Fixture.objectExamples.first { $0.dir == dir }?.args ?? []
        let r = runSeal(["--cert", Fixture.key("tls.crt"), "-o", "yaml", Fixture.example(dir, "secret.yaml")] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let values = try unsealValues(r.stdout, key: try Fixture.privateKey)
        let reference = try #require(try Parser.parseFirst(try Fixture.text(Fixture.example(dir, "unsealed.json"))))
        let items = reference["items"]?.sequence ?? [reference]
        #expect(values.count == items.count)
        for (got, want) in zip(values, items) {
            let wantData = want["data"]?.mapping?.entries ?? []
            #expect(Set(got.keys) == Set(wantData.map(\.key.value)))
            for e in wantData {
                #expect(got[e.key.value] == Base64.decode(e.value.string ?? ""), "\(dir) \(e.key.value)")
            }
        }
    }

    /// Go-sealed reference objects decode, keep their layout when re-rendered, and open.
    @Test(arguments: Fixture.objectExamples.map(\.dir).filter { $0 != "11-multi-document" })
    func referenceObjectsRoundTrip(dir: String) throws {
        let text = try Fixture.text(Fixture.example(dir, "sealed.yaml"))
        let ss = try SealedSecret.decode(text, file: "sealed.yaml")
        #expect(try OutputFormat.yaml.render([ss]) == text)
        for (_, v) in ss.encryptedData {
            let blob = try #require(Base64.decode(v))
            #expect(HybridEncryption.decrypt(blob, label: ss.label, key: try Fixture.privateKey) != nil)
        }
    }

    @Test func jsonEscapesLikeGo() {
        var meta = ObjectMeta(name: "n", namespace: "ns")
        meta.annotations = ["a": "<tag> & \u{2028} \t\u{1}é"]
        let ss = SealedSecret(metadata: meta, template: .init(metadata: meta), encryptedData: [:])
        let json = IndentedJSON.encode(ss.node())
        #expect(json.contains(#""a": "\u003ctag\u003e \u0026 \u2028 \t\u0001é""#))
        #expect(json.contains(#""encryptedData": {}"#))
    }

    @Test func mapKeysAreSortedBytewiseInJSONAndByYAMLRulesInYAML() throws {
        let meta = ObjectMeta(name: "n", namespace: "ns")
        let ss = SealedSecret(metadata: meta, template: .init(metadata: meta),
                              encryptedData: ["key10": "x", "key9": "y", "a_b": "z", "aB": "w"])
        let json = try OutputFormat.json.render([ss])
        let yaml = try OutputFormat.yaml.render([ss])
        func order(_ s: String, _ keys: [String]) -> [String] {
            keys.sorted { s.range(of: $0)!.lowerBound < s.range(of: $1)!.lowerBound }
        }
        let keys = ["\"key10\"", "\"key9\"", "\"a_b\"", "\"aB\""]
        #expect(order(json, keys) == ["\"aB\"", "\"a_b\"", "\"key10\"", "\"key9\""])
        #expect(order(yaml, ["key10:", "key9:", "a_b:", "aB:"]) == ["a_b:", "aB:", "key9:", "key10:"])
    }
}
