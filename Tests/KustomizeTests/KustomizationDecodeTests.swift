import Testing
@testable import Kustomize

/// `Kustomization(text:)` reads fields as kustomize's Go JSON decoding does: names
/// match case-insensitively, the last of two spellings wins, a null field is unset.
@Suite struct KustomizationDecodeTests {
    static func decode(_ text: String) throws -> Kustomization { try Kustomization(text: text) }

    @Test func namesMatchCaseInsensitively() throws {
        #expect(try Self.decode("namePrefix: a-\n").namePrefix == "a-")
        #expect(try Self.decode("nameprefix: b-\n").namePrefix == "b-")
        #expect(try Self.decode("NAMEPREFIX: c-\nRESOURCES: [x.yaml]\n").namePrefix == "c-")
        #expect(try Self.decode("NAMEPREFIX: c-\nRESOURCES: [x.yaml]\n").resources == ["x.yaml"])
        #expect(try Self.decode("namePrefix: a-\nNamePrefix: b-\n").namePrefix == "b-")
        #expect(try Self.decode("NamePrefix: b-\nnamePrefix: a-\n").namePrefix == "a-")
    }

    @Test func nullFieldsAreUnset() throws {
        let k = try Self.decode("namePrefix: ~\nnameSuffix: null\nresources: [a.yaml]\n")
        #expect(k.namePrefix == nil && k.nameSuffix == nil && k.resources == ["a.yaml"])
    }

    @Test func emptyAndUnknown() {
        for text in ["apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", "namePrefix: ~\n"] {
            #expect(throws: KustomizeError.self) { try Self.decode(text) }
            do { _ = try Self.decode(text) } catch { #expect("\(error)".contains("kustomization.yaml is empty"), "\(text)") }
        }
        do {
            _ = try Self.decode("zeta: 1\nresources: [a.yaml]\nalpha: 2\n")
            Issue.record("expected an unknown-field error")
        } catch {
            #expect("\(error)".contains("unknown field \"alpha\""))
        }
    }
}
