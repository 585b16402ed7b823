import Foundation
import Testing
@testable import Scan

@Suite(.serialized) struct HookTests {
    func run(_ args: [String]) -> (Int32, String, String) {
        var out = "", err = ""
        let code = HookCommand.run(args, executable: "/opt/kustos/bin/kustos", stdout: { out += $0 }, stderr: { err += $0 })
        return (code, out, err)
    }

    @Test func installsRefusesForeignHooksAndUninstalls() throws {
        let dir = try Support.tempDir()
        try Support.git(["init", "-q"], in: dir)
        let hook = dir + "/.git/hooks/pre-commit"
        #expect(run(["install", "-C", dir]).0 == 0)
        let script = try String(contentsOfFile: hook, encoding: .utf8)
        #expect(script.contains(Hook.marker))
        #expect(script.contains("KUSTOS='/opt/kustos/bin/kustos'"))
        #expect(script.contains("scan --staged"))
        let mode = try FileManager.default.attributesOfItem(atPath: hook)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(run(["install", "-C", dir]).0 == 0)  // ours: replaced in place

        try "#!/bin/sh\necho mine\n".write(toFile: hook, atomically: true, encoding: .utf8)
        let refused = run(["install", "-C", dir])
        #expect(refused.0 == 2)
        #expect(refused.2.contains("was not written by kustos"))
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == "#!/bin/sh\necho mine\n")
        #expect(run(["install", "--force", "-C", dir]).0 == 0)
        #expect(try String(contentsOfFile: hook + ".kustos-backup", encoding: .utf8) == "#!/bin/sh\necho mine\n")

        #expect(run(["uninstall", "-C", dir]).1.hasPrefix("removed"))
        #expect(!FileManager.default.fileExists(atPath: hook))
    }

    @Test func honoursCoreHooksPath() throws {
        let dir = try Support.tempDir()
        try Support.git(["init", "-q"], in: dir)
        try Support.git(["config", "core.hooksPath", "githooks"], in: dir)
        #expect(run(["install", "-C", dir]).0 == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/githooks/pre-commit"))
    }

    @Test func usage() {
        #expect(run([]).0 == 2)
        #expect(run(["--bogus"]).0 == 2)
        #expect(run(["--help"]).0 == 0)
        // One action only: a second one (either) is refused before anything is done.
        for args in [["uninstall", "install"], ["install", "install"], ["install", "uninstall"]] {
            let (code, _, err) = run(args)
            #expect(code == 2, "\(args)")
            #expect(err.contains("unknown argument '\(args[1])'"), "\(args)")
        }
    }
}
