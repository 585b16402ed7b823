import Foundation
import Testing
@testable import Scan

@Suite(.serialized) struct ScanCommandTests {
    @Test func exitCodes() throws {
        let dir = try Support.tempDir()
        try Support.write("name: app\n", to: dir + "/clean.yaml")
        #expect(Support.command([dir]).0 == 0)
        try Support.write("password: Zq8plmT2vXw9rKs\n", to: dir + "/dirty.yaml")
        let (code, out, err) = Support.command([dir])
        #expect(code == 1)
        #expect(out == "\(dir)/dirty.yaml:1:11: credential-assignment: \"password\" holds a plaintext value: Zq8***\n")
        #expect(err.contains("1 secret found in 1 file"))
        #expect(Support.command([dir + "/missing"]).0 == 2)
    }

    @Test func usageErrors() {
        let (code, _, err) = Support.command(["--bogus"])
        #expect(code == 2)
        #expect(err == "kustos scan: unknown option '--bogus' (see kustos scan --help)\n")
        #expect(Support.command(["--format", "xml"]).0 == 2)
        #expect(Support.command(["--staged", "x"]).0 == 2)
        #expect(Support.command(["--baseline"]).0 == 2)
        let help = Support.command(["--help"])
        #expect(help.0 == 0 && help.1.hasPrefix("usage: kustos scan"))
    }

    @Test func relativePathsAsFindingsName() throws {
        let dir = try Support.tempDir()
        try Support.write("token: Zq8plmT2vXw9rKs\n", to: dir + "/a/values.yaml")
        let (_, out, _) = Support.command(["."], in: dir)
        #expect(out.hasPrefix("a/values.yaml:1:8: helm-values-secret:"))
    }

    @Test func jsonAndSARIF() throws {
        let dir = try Support.tempDir()
        try Support.write("password: Zq8plmT2vXw9rKs\n", to: dir + "/x.yaml")
        let (c1, json, _) = Support.command(["--format", "json", "."], in: dir)
        #expect(c1 == 1)
        let j = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let f = (j?["findings"] as? [[String: Any]])?.first
        #expect(f?["path"] as? String == "x.yaml")
        #expect(f?["line"] as? Int == 1)
        #expect(f?["rule"] as? String == "credential-assignment")
        let (_, sarif, _) = Support.command(["--format=sarif", "."], in: dir)
        let s = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        #expect(s?["version"] as? String == "2.1.0")
        let run = (s?["runs"] as? [[String: Any]])?.first
        let result = (run?["results"] as? [[String: Any]])?.first
        #expect(result?["ruleId"] as? String == "credential-assignment")
        let loc = ((result?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
        #expect((loc?["artifactLocation"] as? [String: Any])?["uri"] as? String == "x.yaml")
        #expect((loc?["region"] as? [String: Any])?["startLine"] as? Int == 1)
        let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(rules?.first?["id"] as? String == "credential-assignment")
    }

    @Test func baselineAcceptsExistingFindingsOnly() throws {
        let dir = try Support.tempDir()
        try Support.write("password: Zq8plmT2vXw9rKs\n", to: dir + "/x.yaml")
        let (c, _, err) = Support.command(["--write-baseline", "base.json", "x.yaml"], in: dir)
        #expect(c == 0 && err.contains("wrote 1 finding"))
        let stored = try String(contentsOfFile: dir + "/base.json", encoding: .utf8)
        #expect(!stored.contains("Zq8plmT2vXw9rKs"))
        #expect(Support.command(["--baseline", "base.json", "x.yaml"], in: dir).0 == 0)
        // the line moves: still accepted; a new secret: blocks
        try Support.write("# moved\npassword: Zq8plmT2vXw9rKs\ntoken: Pm3kWq9zLr2xVb7n\n", to: dir + "/x.yaml")
        let (c2, out, _) = Support.command(["--baseline", "base.json", "x.yaml"], in: dir)
        #expect(c2 == 1)
        #expect(out.hasPrefix("x.yaml:3:"))
        #expect(Support.command(["--baseline", "missing.json", "x.yaml"], in: dir).0 == 2)
    }

    @Test func excludeGlobs() throws {
        let dir = try Support.tempDir()
        try Support.write("password: Zq8plmT2vXw9rKs\n", to: dir + "/fixtures/deep/x.yaml")
        #expect(Support.command(["--exclude", "fixtures", "."], in: dir).0 == 0)
        #expect(Support.command(["--exclude", "*.yaml", "."], in: dir).0 == 0)
        #expect(Support.command(["--exclude", "other/*", "."], in: dir).0 == 1)
    }

    @Test func renderedNeedsARenderer() throws {
        let (code, _, err) = Support.command(["--rendered", "overlays/dev"])
        #expect(code == 2)
        #expect(err.contains("--rendered is not available"))
        let secret = "apiVersion: v1\nkind: Secret\ndata:\n  password: \(Array("Zq8plmT2vXw9rKs".utf8).base64)\n"
        let (c2, out, _) = Support.command(["--rendered", "overlays/dev/"], renderer: { dir in
            #expect(dir == "overlays/dev/")
            return secret
        })
        #expect(c2 == 1)
        #expect(out.hasPrefix("overlays/dev@rendered.yaml:4:13: k8s-secret-data:"))
        struct Boom: Error {}
        #expect(Support.command(["--rendered", "x"], renderer: { _ in throw Boom() }).0 == 2)
    }
}

extension Array where Element == UInt8 {
    var base64: String { Data(self).base64EncodedString() }
}
