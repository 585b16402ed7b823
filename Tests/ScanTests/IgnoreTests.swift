import Foundation
import Testing
@testable import Scan

@Suite(.serialized) struct IgnoreTests {
    @Test func gitIgnoreIsHonouredInsideAWorkTree() throws {
        let dir = try Support.tempDir()
        try Support.git(["init", "-q"], in: dir)
        try Support.write(".env\nbuild/\n", to: dir + "/.gitignore")
        try Support.write("PASSWORD=Zq8plmT2vXw9rKs\n", to: dir + "/.env")
        try Support.write("token: Pm3kWq9zLr2xVb7n\n", to: dir + "/build/out.yaml")
        try Support.write("name: x\n", to: dir + "/app.yaml")
        let files = try FileList.files(for: dir, honourGitIgnore: true)
        #expect(files.map { String($0.dropFirst(dir.count + 1)) }.sorted() == [".gitignore", "app.yaml"])
        #expect(Support.command(["."], in: dir).0 == 0)
        // --no-gitignore sees them, and a file named explicitly is always scanned
        #expect(Support.command(["--no-gitignore", "."], in: dir).0 == 1)
        #expect(Support.command([".env"], in: dir).0 == 1)
    }

    @Test func walkerOutsideGitSkipsDotGit() throws {
        let dir = try Support.tempDir()
        try Support.write("x\n", to: dir + "/.git/config")
        try Support.write("x\n", to: dir + "/.github/workflows/ci.yml")
        try Support.write("x\n", to: dir + "/a.txt")
        var out: [String] = []
        FileList.walk(dir, display: "", into: &out)
        #expect(out == ["a.txt", ".github/workflows/ci.yml"])
        #expect(FileList.display("./apps/") == "apps")
        #expect(FileList.display(".") == "")
    }
}
