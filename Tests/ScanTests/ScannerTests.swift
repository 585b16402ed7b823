import Foundation
import Testing
@testable import Scan

/// End to end over labelled trees: the fixtures written by fixtures/scan/generate.py (every
/// rule, with look-alikes) must be found exactly, and the shared corpus must clear the bar.
@Suite struct ScannerTests {
    func scanTree(_ root: URL) -> [Finding] {
        var paths: [String] = []
        FileList.walk(root.path, display: "", into: &paths)
        let base = root.path, frozen = paths
        return Scanner().scan(paths: frozen) { i in FileList.read(base + "/" + frozen[i]) }.findings
    }

    @Test func fixturesAreFoundExactly() throws {
        let labels = try Labels(Support.fixtures.appendingPathComponent("labels.json"))
        let findings = scanTree(Support.fixtures.appendingPathComponent("repo"))
        let s = labels.score(findings)
        #expect(s.missed.sorted() == [])
        #expect(s.falseFindings.sorted() == [])
        #expect(s.truePositives.count == labels.files.values.map(\.count).reduce(0, +))
    }

    @Test func fixturesNameTheExpectedRule() throws {
        let labels = try Labels(Support.fixtures.appendingPathComponent("labels.json"))
        let findings = scanTree(Support.fixtures.appendingPathComponent("repo"))
        var got: [String: String] = [:]
        for f in findings { got["\(f.path):\(f.line)"] = f.rule.id }
        for (path, lines) in labels.rules {
            for (line, rule) in lines {
                #expect(got["\(path):\(line)"] == rule, "\(path):\(line)")
            }
        }
        // every rule has at least one labelled case
        let covered = Set(labels.rules.values.flatMap(\.values))
        #expect(Set(Rule.all.map(\.id)).subtracting(covered).sorted() == [])
    }

    @Test func sharedCorpusClearsTheBar() throws {
        let corpus = Support.shared.appendingPathComponent("scan-corpus")
        let labelsURL = corpus.appendingPathComponent("labels.json")
        guard FileManager.default.fileExists(atPath: labelsURL.path) else { return }  // no ../shared here
        let labels = try Labels(labelsURL)
        let s = labels.score(scanTree(corpus))
        let found = s.truePositives.count + s.falseFindings.count
        let recall = Double(s.truePositives.count) / Double(s.truePositives.count + s.missed.count)
        let precision = found == 0 ? 0 : Double(s.truePositives.count) / Double(found)
        #expect(recall >= 0.98, "missed: \(s.missed.sorted())")
        #expect(precision >= 0.95, "false: \(s.falseFindings.sorted())")
    }

    @Test func noOutputContainsASecret() throws {
        let secret = "Zq8#plmT2vXw9-rKs"
        let findings = Support.scan("password: \(secret)\n", path: "values.yaml")
        #expect(findings.count == 1)
        for text in [TextReporter.render(findings), JSONReporter.render(findings, filesScanned: 1),
                     SARIFReporter.render(findings, toolVersion: "t"), Baseline.render(findings)] {
            #expect(!text.contains(secret))
            #expect(!text.contains("plmT2"))
        }
    }

    @Test func secretGeneratorFilesAreSecretsOnlyWhenReferenced() {
        let kustomization = SourceFile(path: "o/kustomization.yaml", bytes: Array("""
            secretGenerator:
              - name: x
                files:
                  - key=sub/../upstream.txt
            """.utf8))
        let referenced = SourceFile(path: "o/upstream.txt", bytes: Array("Xk29fjQ0pLw81nBz\n".utf8))
        let other = SourceFile(path: "o/other.txt", bytes: Array("Xk29fjQ0pLw81nBz\n".utf8))
        let r = Scanner().scan([kustomization, referenced, other])
        #expect(r.findings.map(\.path) == ["o/upstream.txt"])
        #expect(r.findings.first?.rule == .kustomizeSecretFile)
        #expect(r.filesScanned == 3)
    }

    @Test func oneFindingPerValuePerLine() {
        // a GitHub token under a credential name: the format rule wins, once
        let f = Support.scan("token: ghp_\(String(repeating: "a1B2", count: 9))\n")
        #expect(f.map(\.rule.id) == ["github-token"])
    }

    @Test func binaryFilesAreSkipped() {
        var bytes = Array("password: Zq8plmT2vXw9rKs\n".utf8)
        bytes.append(0)
        let r = Scanner().scan([SourceFile(path: "blob.bin", bytes: bytes)])
        #expect(r.findings.isEmpty)
        #expect(r.filesScanned == 0)
    }
}
