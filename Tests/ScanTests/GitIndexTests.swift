import Foundation
import Testing
@testable import Scan

@Suite(.serialized) struct GitIndexTests {
    @Test func stagedScanReadsTheIndexNotTheWorkTree() throws {
        let dir = try Support.tempDir()
        try Support.git(["init", "-q"], in: dir)
        try Support.write("password: Zq8plmT2vXw9rKs\n", to: dir + "/app/values.yaml")
        try Support.write("name: ok\n", to: dir + "/clean.yaml")
        try Support.git(["add", "."], in: dir)
        // fixed in the work tree but not staged: the commit would still carry the secret
        try Support.write("password: ${DB_PASSWORD}\n", to: dir + "/app/values.yaml")
        // a secret that is not staged at all
        try Support.write("token: Pm3kWq9zLr2xVb7n\n", to: dir + "/untracked.yaml")
        let files = try GitIndex.stagedFiles(in: dir)
        #expect(files.map(\.path).sorted() == ["app/values.yaml", "clean.yaml"])
        let (code, out, _) = Support.command(["--staged"], in: dir)
        #expect(code == 1)
        #expect(out == "app/values.yaml:1:11: helm-values-secret: \"password\" holds a plaintext value: Zq8***\n")
    }

    @Test func onlyChangesSinceHEADAreScanned() throws {
        let dir = try Support.tempDir()
        try Support.git(["init", "-q"], in: dir)
        try Support.write("password: Zq8plmT2vXw9rKs\n", to: dir + "/old.yaml")
        try Support.git(["add", "."], in: dir)
        try Support.git(["commit", "-qm", "old"], in: dir)
        try Support.write("name: new\n", to: dir + "/new.yaml")
        try Support.git(["add", "new.yaml"], in: dir)
        #expect(try GitIndex.stagedFiles(in: dir).map(\.path) == ["new.yaml"])
        #expect(Support.command(["--staged"], in: dir).0 == 0)
        try Support.git(["rm", "-q", "old.yaml"], in: dir)  // deletions are not scanned
        #expect(try GitIndex.stagedFiles(in: dir).map(\.path) == ["new.yaml"])
    }

    @Test func outsideARepositoryIsAnError() throws {
        let dir = try Support.tempDir()
        #expect(Support.command(["--staged"], in: dir).0 == 2)
    }
}
