import Testing
import YAML
@testable import Secrets

@Suite("ScopeWarnings")
struct ScopeWarningsTests {
    func sealed(_ name: String, _ ns: String?, scope: SealingScope = .strict, ciphertext: String = "AgBc1") -> Node {
        var meta: [(String, Node)] = [("name", .string(name))]
        if let ns { meta.append(("namespace", .string(ns))) }
        let annotations = scope.applied(to: [:])
        if !annotations.isEmpty { meta.append(("annotations", ObjectMeta.sortedMap(annotations))) }
        return .map([("apiVersion", .string("bitnami.com/v1alpha1")), ("kind", .string("SealedSecret")),
                     ("metadata", .map(meta)), ("spec", .map([("encryptedData", .map([("k", .string(ciphertext))]))]))])
    }

    @Test func strictRenameIsReported() {
        let w = sealedSecretScopeWarnings(before: [(file: "base/db.yaml", node: sealed("db", "prod"))],
                                          after: [sealed("app-db", "prod")])
        #expect(w == ["warning: base/db.yaml: SealedSecret prod/db (strict scope): the build changed its name from \"db\" to \"app-db\"; its values are sealed for prod/db, so the sealed-secrets controller cannot decrypt them. Reseal it for the new identity, or seal it with a wider --scope."])
    }

    @Test func namespaceMoveIsReportedForStrictAndNamespaceWide() {
        for scope in [SealingScope.strict, .namespaceWide] {
            let w = sealedSecretScopeWarnings(before: [(file: "f.yaml", node: sealed("db", "prod", scope: scope))],
                                              after: [sealed("db", "staging", scope: scope)])
            #expect(w.count == 1)
            #expect(w.first?.contains("its namespace from \"prod\" to \"staging\"") == true)
            #expect(w.first?.contains("(\(scope.rawValue) scope)") == true)
        }
    }

    @Test func whatStillDecryptsIsNotReported() {
        let cases: [(Node, Node)] = [
            (sealed("db", "prod"), sealed("db", "prod")),
            (sealed("db", "prod", scope: .namespaceWide), sealed("renamed", "prod", scope: .namespaceWide)),
            (sealed("db", "prod", scope: .clusterWide), sealed("x", "y", scope: .clusterWide)),
            (sealed("db", nil), sealed("db", "prod")),
        ]
        for (b, a) in cases {
            #expect(sealedSecretScopeWarnings(before: [(file: "f", node: b)], after: [a]).isEmpty)
        }
    }

    @Test func scopeAnnotationChangeIsReported() {
        let w = sealedSecretScopeWarnings(before: [(file: "f", node: sealed("db", "prod"))],
                                          after: [sealed("db", "prod", scope: .clusterWide)])
        #expect(w.first?.contains("its scope annotations from strict to cluster-wide") == true)
    }

    @Test func pairsByCiphertextNotOrderAndIgnoresOtherKinds() throws {
        let cm = try #require(try Parser.parseFirst("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\n"))
        let before: [(file: String, node: Node)] = [
            (file: "a.yaml", node: sealed("a", "prod", ciphertext: "AAAA")),
            (file: "b.yaml", node: sealed("b", "prod", ciphertext: "BBBB")),
            (file: "cm.yaml", node: cm),
        ]
        let after = [cm, sealed("x-b", "prod", ciphertext: "BBBB"), sealed("a", "prod", ciphertext: "AAAA")]
        let w = sealedSecretScopeWarnings(before: before, after: after)
        #expect(w.count == 1)
        #expect(w.first?.hasPrefix("warning: b.yaml: SealedSecret prod/b (strict scope): the build changed its name from \"b\" to \"x-b\"") == true)
    }

    @Test func bothChangesInOneLine() {
        let w = sealedSecretScopeWarning(file: "f", before: .init(name: "db", namespace: "prod", scope: .strict),
                                         after: .init(name: "p-db", namespace: "dev", scope: .strict))
        #expect(w?.contains("its name from \"db\" to \"p-db\" and its namespace from \"prod\" to \"dev\"") == true)
    }
}

/// Ciphertexts pair SealedSecrets by their whole text, whatever part of it is hashed.
@Suite struct CiphertextTests {
    @Test func equalOnlyWhenWhole() {
        let prefix = String(repeating: "A", count: 64)
        let a = Ciphertext(text: prefix + "tail-one"), b = Ciphertext(text: prefix + "tail-two")
        #expect(a != b)
        #expect(Set([a, b, Ciphertext(text: prefix + "tail-one")]).count == 2)
        #expect(Set([Ciphertext(text: "short"), Ciphertext(text: "short"), Ciphertext(text: "")]).count == 2)
        #expect(!Set([a]).isDisjoint(with: [Ciphertext(text: prefix + "tail-one")]))
        #expect(Set([a]).isDisjoint(with: [b]))
    }
}
