import Foundation
import YAML

/// File access for one kustomization directory, with kustomize's default load
/// restrictions: files must be in or below the root of the top-level build.
public struct Loader: Sendable {
    /// The kustomization directory (absolute, symlinks resolved).
    public let directory: String
    /// Files may only be loaded from in or below this directory.
    public let restriction: String?

    public init(directory: String, restriction: String?) {
        self.directory = directory
        self.restriction = restriction
    }

    /// A loader for a sub-directory; the restriction moves to the new root,
    /// as kustomize's file loader does.
    public func child(_ directory: String) -> Loader {
        Loader(directory: directory, restriction: restriction == nil ? nil : directory)
    }

    /// `path` made absolute against the directory and cleaned (not resolved).
    public func absolute(_ path: String) -> String {
        Paths.clean(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// Reads a file's bytes, enforcing the load restriction. Errors use kustomize's words.
    public func readBytes(_ path: String) throws(KustomizeError) -> [UInt8] {
        let abs = absolute(path)
        let resolved = try resolveFile(path)
        guard let bytes = Paths.readFile(resolved) else {
            throw .message("open \(abs): permission denied")
        }
        return bytes
    }

    /// The symlink-resolved path of a file that may be loaded; errors use kustomize's words.
    /// `known` is the path's resolution when the caller has it already.
    public func resolveFile(_ path: String, known: Prefetch.ResolvedPath? = nil) throws(KustomizeError) -> String {
        let abs = absolute(path)
        let resolved: String
        if let known {
            resolved = known.resolved
            if known.isDirectory { throw .message("'\(abs)' must resolve to a file") }
        } else if let isDirectory = Paths.plainEntryIsDirectory(path, in: directory) {
            // Plain files and directories all the way: the cleaned path is the resolved one.
            resolved = abs
            if isDirectory { throw .message("'\(abs)' must resolve to a file") }
        } else {
            resolved = try Paths.evalSymlinks(abs)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDir) else {
                throw .message("evalsymlink failure on '\(abs)' : lstat \(abs): no such file or directory")
            }
            if isDir.boolValue { throw .message("'\(abs)' must resolve to a file") }
        }
        if let restriction, !Paths.isInOrBelow(resolved, restriction) {
            throw .message("security; file '\(abs)' is not in or below '\(restriction)'")
        }
        return resolved
    }

    /// Reads a file as UTF-8 text (invalid bytes replaced).
    public func readText(_ path: String) throws(KustomizeError) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }
}

/// Path helpers with Go `filepath` semantics.
public enum Paths {
    /// Lexical cleaning: removes `.`, resolves `..`, collapses slashes.
    public static func clean(_ path: String) -> String {
        isClean(path) ? path : lexicalClean(path)
    }

    static func lexicalClean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for p in components(path) {
            if p == "." { continue }
            if p == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(p)
                }
                continue
            }
            parts.append(p)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The non-empty components of a path, split at `/` bytes as Go's `filepath`
    /// splits (a character-wise split would keep a `/` followed by a combining
    /// mark, and costs ~60 instructions a character).
    static func components(_ path: String) -> [Substring] {
        path.split(atByte: UInt8(ascii: "/"), omittingEmpty: true)
    }

    /// True when `clean` would return the path unchanged (most joined paths are):
    /// no empty, `.` or `..` component and no trailing slash.
    static func isClean(_ path: String) -> Bool {
        path.withBytes { b in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            guard let first = b.first else { return false }
            if first == slash && b.count == 1 { return true }
            var start = first == slash ? 1 : 0
            var i = start
            while i <= b.count {
                if i == b.count || b[i] == slash {
                    switch i - start {
                    case 0: return false
                    case 1 where b[start] == dot: return false
                    case 2 where b[start] == dot && b[start + 1] == dot: return false
                    default: break
                    }
                    start = i + 1
                }
                i += 1
            }
            return true
        }
    }

    /// Resolves symlinks of an existing path; a missing path gives kustomize's lstat error.
    public static func evalSymlinks(_ path: String) throws(KustomizeError) -> String {
        guard let real = realpath(path, nil) else {
            // Find the first missing component for the message, as Go's EvalSymlinks does.
            var prefix = ""
            var missing = path
            for part in path.split(separator: "/") {
                prefix += "/" + part
                if access(prefix, F_OK) != 0 {
                    missing = prefix
                    break
                }
            }
            throw .message("evalsymlink failure on '\(path)' : lstat \(missing): no such file or directory")
        }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether the entry `entry` of the resolved directory `dir` is a directory, when
    /// the path components it adds are plain files and directories (one `lstat`
    /// each): then the cleaned path is already resolved. Nil when the entry is
    /// missing, absolute, holds a symlink or a `..` after a name: ask `realpath`.
    public static func plainEntryIsDirectory(_ entry: String, in dir: String) -> Bool? {
        if entry.hasPrefix("/") { return nil }
        var path = dir
        var added = false
        var isDirectory = true
        for part in components(entry) {
            if part == "." { continue }
            if part == ".." {
                guard !added, path != "/", let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
                path = slash == path.startIndex ? "/" : String(Substring(path.utf8[..<slash]))
                continue
            }
            guard isDirectory else { return nil }
            if path != "/" { path.append("/") }
            path.append(contentsOf: part)  // (`"/" + part` took a generic path: ~230,000 instructions once)
            added = true
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFLNK else { return nil }
            isDirectory = st.st_mode & S_IFMT == S_IFDIR
        }
        return added ? isDirectory : nil
    }

    public static func isInOrBelow(_ path: String, _ root: String) -> Bool {
        path == root || root == "/" || path.hasPrefix(root + "/")
    }

    /// The bytes of a regular file, read with plain system calls (no
    /// Foundation objects on the way); nil when it cannot be opened or read.
    public static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let size = max(Int(st.st_size), 0)
        let regular = st.st_mode & S_IFMT == S_IFREG
        var bytes = [UInt8](repeating: 0, count: size)
        var count = 0
        while true {
            if regular && count == size && size > 0 { break }  // no read just to see the end
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, count))) }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// A file's text (invalid UTF-8 replaced), nil when it cannot be read.
    public static func readText(_ path: String) -> String? {
        readFile(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `path` is a directory, symlinks followed (one `stat`).
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` exists, symlinks followed (one `stat`).
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Whether an entry names a remote resource (`scheme://…`); a byte scan.
    public static func isURL(_ entry: String) -> Bool {
        entry.withBytes { b in
            b.count >= 3 && (0..<(b.count - 2)).contains { b[$0] == 0x3A && b[$0 + 1] == 0x2F && b[$0 + 2] == 0x2F }
        }
    }

    /// Go's `filepath.Base`, on bytes: trailing slashes dropped, then what follows the last.
    public static func base(_ path: String) -> String {
        let slash = UInt8(ascii: "/")
        var bytes = path.utf8[...]
        if bytes.isEmpty { return "." }
        while bytes.last == slash { bytes = bytes.dropLast() }
        if bytes.isEmpty { return "/" }
        if let i = bytes.lastIndex(of: slash) { bytes = bytes[bytes.index(after: i)...] }
        return String(Substring(bytes))
    }
}

/// The names in one directory with their types, read in one pass (`readdir`
/// reports each entry's type), so that a walk over a directory's many entries
/// needs no `stat` per entry. Only plain names are answered; anything else
/// (a path with a slash, a symlink, an unknown type) is left to the caller.
struct DirectoryListing {
    private var types: [String: UInt8] = [:]

    /// Nil when the directory cannot be read.
    init?(_ dir: String) {
        guard let d = opendir(dir) else { return nil }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            types[name] = e.pointee.d_type
        }
    }

    /// Whether a plain name exists (nil: ask `stat`, e.g. for a symlink).
    func exists(_ name: String) -> Bool? {
        guard let type = types[name] else { return false }
        return type == UInt8(DT_REG) || type == UInt8(DT_DIR) ? true : nil
    }

    /// `Paths.plainEntryIsDirectory` for an entry that is one plain name.
    func plainEntryIsDirectory(_ entry: String) -> Bool? {
        guard !entry.utf8.contains(0x2F), entry != ".", entry != "..", let type = types[entry] else { return nil }
        switch type {
        case UInt8(DT_REG): return false
        case UInt8(DT_DIR): return true
        default: return nil
        }
    }
}
