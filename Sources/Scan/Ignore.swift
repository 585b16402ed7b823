import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Lists the files a path argument stands for. Inside a Git work tree the answer is Git's
/// own (`git ls-files --cached --others --exclude-standard`: tracked files and untracked ones
/// that `.gitignore`, `.git/info/exclude` and `core.excludesFile` do not exclude), so that
/// every ignore rule behaves exactly as Git applies it. Elsewhere every file is listed, and
/// `.git` folders are skipped.
enum FileList {
    /// The files `argument` names, as findings will show them; `cwd` is the folder relative
    /// arguments start from (see `resolve`).
    static func files(for argument: String, in cwd: String = ".", honourGitIgnore: Bool) throws(ScanError) -> [String] {
        let physical = resolve(argument, in: cwd)
        var st = stat()
        guard stat(physical, &st) == 0 else {
            throw .io(path: argument, reason: String(cString: strerror(errno)))
        }
        if st.st_mode & S_IFMT != S_IFDIR { return [display(argument)] }
        let prefix = display(argument)
        if honourGitIgnore, Git.topLevel(physical) != nil {
            let o = try Git.run(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: physical)
            if o.status == 0 {
                var seen = Set<String>()
                var out: [String] = []
                for f in Git.fields(o.stdout) where seen.insert(f).inserted {
                    out.append(prefix.isEmpty ? f : prefix + "/" + f)
                }
                return out
            }
        }
        var out: [String] = []
        walk(physical, display: prefix, into: &out)
        return out
    }

    /// Where a path shown to the user lives, for a process whose working folder is `cwd`.
    static func resolve(_ path: String, in cwd: String) -> String {
        if path.hasPrefix("/") || cwd == "." { return path.isEmpty ? "." : path }
        return path.isEmpty ? cwd : cwd + "/" + path
    }

    /// A path as findings show it: without a leading `./` or trailing `/`; `.` becomes "".
    static func display(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return p == "." ? "" : String(p)
    }

    /// Depth-first over a folder with `readdir`, not following symbolic links.
    static func walk(_ dir: String, display: String, into out: inout [String]) {
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        var subdirs: [(String, String)] = []
        var names: [(String, String)] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = dir + "/" + name
            let shown = display.isEmpty ? name : display + "/" + name
            var type = e.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var st = stat()
                guard lstat(full, &st) == 0 else { continue }
                type = st.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : st.st_mode & S_IFMT == S_IFREG ? UInt8(DT_REG) : 0
            }
            if type == UInt8(DT_DIR) {
                if name != ".git" { subdirs.append((full, shown)) }
            } else if type == UInt8(DT_REG) {
                names.append((full, shown))
            }
        }
        names.sort { $0.1 < $1.1 }
        out += names.map(\.1)
        for (full, shown) in subdirs.sorted(by: { $0.1 < $1.1 }) { walk(full, display: shown, into: &out) }
    }

    /// Reads a whole file; nil when it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(st.st_size)
        var buf = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = buf.withUnsafeMutableBytes { p in systemRead(fd, p.baseAddress.map { $0 + got }, size - got) }
            if n <= 0 { break }
            got += n
        }
        if got < size { buf.removeLast(size - got) }
        return buf
    }
}
