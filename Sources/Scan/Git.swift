#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `git` plumbing commands with `posix_spawnp` and one `poll` loop over the pipes
/// (Foundation's `Process` costs tens of milliseconds per child on Linux, more than a whole
/// staged scan may take).
enum Git {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    static func run(_ args: [String], in dir: String? = nil, input: [UInt8]? = nil) throws(ScanError) -> Output {
        let argv = ["git"] + (dir.map { ["-C", $0] } ?? []) + args
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw .git("cannot create pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "git", &actions, nil, &cargs, environ)
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard rc == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw .git("cannot run git: \(String(cString: strerror(rc)))")
        }

        // Feed stdin and drain stdout and stderr together, so no pipe can fill up and block.
        let toWrite = input ?? []
        var written = 0
        var inFD: Int32 = inPipe[1]
        if toWrite.isEmpty { close(inFD); inFD = -1 }
        var out: [UInt8] = [], err: [UInt8] = []
        var outFD = outPipe[0], errFD = errPipe[0]
        var buf = [UInt8](repeating: 0, count: 65536)
        signal(SIGPIPE, SIG_IGN)
        while outFD >= 0 || errFD >= 0 {
            var fds: [pollfd] = []
            if outFD >= 0 { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 else {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                if p.fd == inFD {
                    let n = toWrite.withUnsafeBytes { raw in
                        write(inFD, raw.baseAddress.map { $0 + written }, toWrite.count - written)
                    }
                    if n > 0 { written += n }
                    if n < 0 || written == toWrite.count { close(inFD); inFD = -1 }
                    continue
                }
                let n = buf.withUnsafeMutableBytes { read(p.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if p.fd == outFD { out += buf[0..<n] } else { err += buf[0..<n] }
                } else if n == 0 || errno != EINTR {
                    close(p.fd)
                    if p.fd == outFD { outFD = -1 } else { errFD = -1 }
                }
            }
        }
        if inFD >= 0 { close(inFD) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        var message = String(decoding: err, as: UTF8.self)
        while let last = message.last, last.isWhitespace { message.removeLast() }
        return Output(status: exit, stdout: out, stderr: message)
    }

    /// The work tree's top folder when `dir` is inside one.
    static func topLevel(_ dir: String) -> String? {
        guard let o = try? run(["rev-parse", "--show-toplevel"], in: dir), o.status == 0 else { return nil }
        var s = String(decoding: o.stdout, as: UTF8.self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s.isEmpty ? nil : s
    }

    /// NUL-separated fields of a `-z` output.
    static func fields(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }
}
