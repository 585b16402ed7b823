import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file writes that readers never see half done: a temporary file in the same
/// directory, flushed to disk, then renamed over the target. Only sealed text is ever written.
public enum AtomicFile {
    /// Writes `text` to `path`. An existing file keeps its permission bits; a new one gets 0644.
    public static func write(_ text: String, to path: String) throws(SealError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let pattern = (dir.isEmpty ? "." : dir) + "/.\(url.lastPathComponent).kustos-XXXXXX"
        var template = Array(pattern.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else {
            if errno == ENOENT { throw SealError.file(path: path, problem: "the directory \(dir.isEmpty ? "." : dir) does not exist") }
            throw SealError.file(path: path, problem: "cannot create a temporary file next to it: \(String(cString: strerror(errno)))")
        }
        let tempPath = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var st = stat()
        let mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        var ok = fchmod(fd, mode) == 0
        let bytes = Array(text.utf8)
        var offset = 0
        while ok && offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { offset += n }
        }
        ok = ok && fsync(fd) == 0
        let reason = ok ? "" : String(cString: strerror(errno))
        close(fd)
        guard ok, rename(tempPath, path) == 0 else {
            let why = ok ? String(cString: strerror(errno)) : reason
            unlink(tempPath)
            throw SealError.file(path: path, problem: "cannot write: \(why)")
        }
    }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}
