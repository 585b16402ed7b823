import Foundation
import Testing
import YAML
@testable import Kustomize

@Suite struct NameHashTests {
    static func vectors() throws -> [[String: Any]] {
        let doc = try #require(Fixtures.json("hash-vectors.json") as? [String: Any])
        return try #require(doc["vectors"] as? [[String: Any]])
    }

    /// For every reference vector: the hash input bytes, digest and suffix of the
    /// reference's own output object.
    @Test func referenceVectors() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 20)
        for v in vectors {
            let id = v["id"] as? String ?? "?"
            let stdout = try #require(v["referenceStdout"] as? String)
            let node = try #require(try Parser.parseAll(stdout).first)
            let input = try NameHash.input(of: node)
            let suffix = NameHash.suffix(ofInput: input)
            let name = try #require(v["referenceOutputName"] as? String)
            if id.hasPrefix("cm-disable-hash") {
                // No hash in the vector: the output name has no suffix.
                #expect(!name.hasSuffix(suffix))
            } else {
                #expect(String(decoding: input, as: UTF8.self) == v["hashInputJSON"] as? String, "\(id)")
                #expect(SHA256.hex(input) == v["sha256Hex"] as? String, "\(id)")
                #expect(suffix == v["suffix"] as? String, "\(id)")
                #expect(name.hasSuffix("-" + suffix), "\(id)")
            }
        }
    }

    /// Whole builds of the vectors reproduce the reference output (the one
    /// needing namePrefix/nameSuffix only once that transformer exists).
    @Test func referenceBuilds() throws {
        for v in try Self.vectors() {
            let id = v["id"] as? String ?? "?"
            let inputs = try #require(v["inputFiles"] as? [String: [String: String]])
            var files: [String: [UInt8]] = [:]
            for (path, content) in inputs {
                if let text = content["text"] { files[path] = Array(text.utf8) }
                if let b64 = content["base64"] { files[path] = Base64.decode(b64) ?? [] }
            }
            let tree = try TempTree(files)
            defer { tree.remove() }
            let output: String
            do {
                output = try Build().run(tree.path)
            } catch {
                if !error.isUnsupported { Issue.record("\(id): \(error)") }
                continue
            }
            #expect(output == v["referenceStdout"] as? String, "\(id)")
        }
    }

    @Test func workedExample() throws {
        let input = Array(#"{"data":{"key":"value"},"kind":"ConfigMap","name":""}"#.utf8)
        #expect(SHA256.hex(input) == "e757032bafd481c1cd1b2f9cd2fae24c2bf504599ee54e7a1df6c7e8fcee9901")
        #expect(NameHash.suffix(ofInput: input) == "t757gk2bmf")
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two-block message (56 bytes forces a second padding block).
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// The name never matters; a Secret's type does; other kinds are refused.
    @Test func inputFields() throws {
        let a = Node.map([("kind", .string("Secret")), ("metadata", .map([("name", .string("x"))])),
                          ("type", .string("Opaque")), ("data", .map([("k", .string("dg=="))]))])
        var b = a
        b.set(["metadata", "name"], .string("y"))
        #expect(try NameHash.suffix(of: a) == NameHash.suffix(of: b))
        b.set(["type"], .string("kubernetes.io/tls"))
        #expect(try NameHash.suffix(of: a) != NameHash.suffix(of: b))
        #expect(String(decoding: try NameHash.input(of: .map([("kind", .string("ConfigMap"))])), as: UTF8.self)
                == #"{"data":"","kind":"ConfigMap","name":""}"#)
        #expect(throws: KustomizeError.self) { try NameHash.input(of: .map([("kind", .string("Pod"))])) }
    }
}
