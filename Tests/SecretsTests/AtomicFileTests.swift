import Foundation
import Testing
@testable import Secrets

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test func writesNewFilesAndKeepsModesOfExistingOnes() throws {
        let dir = try Fixture.tempDir()
        let path = dir.appendingPathComponent("s.yaml").path
        try AtomicFile.write("one\n", to: path)
        #expect(try Fixture.text(path) == "one\n")
        var attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write("two\n", to: path)
        #expect(try Fixture.text(path) == "two\n")
        attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.yaml"])
    }

    @Test func missingDirectoryIsAnErrorNamingThePath() {
        #expect(throws: SealError.file(path: "/nonexistent-dir/s.yaml", problem: "the directory /nonexistent-dir does not exist")) {
            try AtomicFile.write("x", to: "/nonexistent-dir/s.yaml")
        }
    }
}
