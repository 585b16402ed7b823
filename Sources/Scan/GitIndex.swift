/// Reads what is staged: the blobs the next commit will contain, not the work tree. The
/// changed entries come from `git diff-index --cached` against `HEAD` (the empty tree before
/// the first commit) and their contents from one `git cat-file --batch`.
enum GitIndex {
    static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    struct Entry {
        var path: String
        var blob: String
    }

    /// The staged files of the work tree around `dir`, named relative to its top folder.
    static func stagedFiles(in dir: String = ".") throws(ScanError) -> [SourceFile] {
        let entries = try stagedEntries(in: dir)
        guard !entries.isEmpty else { return [] }
        let blobs = try readBlobs(entries.map(\.blob), in: dir)
        return zip(entries, blobs).map { SourceFile(path: $0.path, bytes: $1) }
    }

    static func stagedEntries(in dir: String) throws(ScanError) -> [Entry] {
        let args = ["diff-index", "--cached", "-z", "--no-renames", "--diff-filter=ACMRT"]
        var o = try Git.run(args + ["HEAD", "--"], in: dir)
        if o.status != 0 {
            // No HEAD yet (first commit), or not a repository at all.
            guard Git.topLevel(dir) != nil else { throw .git("not inside a Git work tree") }
            o = try Git.run(args + [emptyTree, "--"], in: dir)
            guard o.status == 0 else { throw .git(o.stderr) }
        }
        // Records: `:<old mode> <new mode> <old sha> <new sha> <status>` NUL `<path>` NUL
        let f = Git.fields(o.stdout)
        var out: [Entry] = []
        var i = 0
        while i + 1 < f.count {
            let meta = f[i].split(separator: " ")
            let path = f[i + 1]
            i += 2
            guard meta.count >= 5 else { continue }
            let mode = meta[1]
            guard mode.hasPrefix("100") else { continue }  // regular files only: no links, no submodules
            out.append(Entry(path: path, blob: String(meta[3])))
        }
        return out
    }

    /// Blob contents in order, through one `git cat-file --batch`.
    static func readBlobs(_ ids: [String], in dir: String) throws(ScanError) -> [[UInt8]] {
        let input = Array(ids.joined(separator: "\n").utf8) + [Bytes.newline]
        let o = try Git.run(["cat-file", "--batch"], in: dir, input: input)
        guard o.status == 0 else { throw .git(o.stderr) }
        let b = o.stdout
        var out: [[UInt8]] = []
        var i = 0
        for _ in ids {
            // header: `<sha> blob <size>\n`, then the bytes and a newline
            guard let nl = b[i...].firstIndex(of: Bytes.newline) else { throw .git("short cat-file answer") }
            let header = String(decoding: b[i..<nl], as: UTF8.self).split(separator: " ")
            guard header.count == 3, header[1] == "blob", let size = Int(header[2]), nl + 1 + size <= b.count else {
                throw .git("unexpected cat-file answer")
            }
            out.append(Array(b[(nl + 1)..<(nl + 1 + size)]))
            i = nl + 1 + size + 1
        }
        return out
    }
}
