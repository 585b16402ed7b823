import Foundation

/// Runs `git` plumbing commands. Only the exit status and stdout are used; stderr is kept
/// for error messages.
enum Git {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    static func run(_ args: [String], in dir: String? = nil, input: [UInt8]? = nil) throws(ScanError) -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        if let dir { p.currentDirectoryURL = URL(fileURLWithPath: dir) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = input.map { _ in Pipe() }
        if let inPipe { p.standardInput = inPipe } else { p.standardInput = FileHandle.nullDevice }
        do {
            try p.run()
        } catch {
            throw .git("cannot run git: \(error.localizedDescription)")
        }
        if let inPipe, let input {
            let handle = inPipe.fileHandleForWriting
            let data = Data(input)
            // Written from another thread so that a large answer cannot block a large question.
            DispatchQueue.global().async {
                handle.write(data)
                try? handle.close()
            }
        }
        let errData = Box()
        let errHandle = err.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: [UInt8](data),
                      stderr: String(decoding: errData.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    final class Box: @unchecked Sendable {
        var data = Data()
    }

    /// The work tree's top folder when `dir` is inside one.
    static func topLevel(_ dir: String) -> String? {
        guard let o = try? run(["rev-parse", "--show-toplevel"], in: dir), o.status == 0 else { return nil }
        let s = String(decoding: o.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }

    /// NUL-separated fields of a `-z` output.
    static func fields(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }
}
