import Foundation
import Testing
@testable import Kustomize

@Suite struct PrefetchTests {
    /// Adds `base/` with ten ConfigMap files (enough to be prefetched); returns their names.
    static func addBase(to files: inout [String: String]) -> [String] {
        let names = (0..<10).map { "cm\($0).yaml" }
        for i in 0..<10 { files["base/cm\(i).yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\(i)\n" }
        files["base/kustomization.yaml"] = "resources:\n" + names.map { "- \($0)\n" }.joined()
        return names
    }

    /// Every resource file of the tree is parsed ahead of the build, bases included,
    /// and the build uses the same documents.
    @Test func parsesEveryResourceFileOfTheTree() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kustos-prefetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var names: [String] = []
        for i in 0..<10 {
            let name = "cm\(i).yaml"
            names.append(name)
            try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\(i)\n".write(
                to: base.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try ("resources:\n" + names.map { "- \($0)\n" }.joined()).write(
            to: base.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        try "resources:\n- base\nnamePrefix: p-\n".write(
            to: dir.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let root = try Paths.evalSymlinks(dir.path)
        let prefetch = Prefetch.run(root: root)
        for name in names {
            guard case .parsed(let docs)? = prefetch.documents.peek(root + "/base/" + name) else {
                Issue.record("\(name) was not prefetched")
                continue
            }
            #expect(docs.count == 1)
        }
        let out = try Build().run(root)
        #expect(out.contains("name: p-cm9"))
    }

    /// A level of many sibling directories parses each one's files in its visit
    /// (a file two of them name is kept once); the documents are those a plain
    /// parse gives.
    @Test func siblingDirectoriesParseTheirFilesOnTheWay() throws {
        var files: [String: String] = ["shared/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n"]
        let count = 4 * Parallel.cores + 3
        for i in 0..<count {
            files["s\(i)/kustomization.yaml"] = "resources:\n- cm.yaml\n" + (i < 2 ? "- ../shared/cm.yaml\n" : "")
            files["s\(i)/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\(i)\ndata: {k: v\(i)}\n"
        }
        files["kustomization.yaml"] = "resources:\n" + (0..<count).map { "- s\($0)\n" }.joined()
        let tree = try TempTree(text: files)
        defer { tree.remove() }
        var walk = Prefetch.Walk()
        walk.collect(tree.path)
        #expect(walk.parsed.count == count + 1)
        #expect(Set(walk.files) == Set(walk.parsed.keys))
        let prefetch = Prefetch.run(root: tree.path)
        for i in 0..<count {
            let file = tree.path + "/s\(i)/cm.yaml"
            guard case .parsed(let docs)? = prefetch.documents.peek(file),
                  case .parsed(let plain)? = Prefetch.parseAll([file]).first ?? nil else {
                Issue.record("s\(i)/cm.yaml was not prefetched")
                continue
            }
            #expect(docs == plain)
        }
        #expect(prefetch.documents.peek(tree.path + "/shared/cm.yaml") != nil)
    }

    /// The walk keeps each kustomization it read and each entry's resolution, so
    /// the build neither reads nor resolves them again; a directory whose
    /// kustomization is ambiguous is left to the build, which reports it.
    @Test func keepsKustomizationsAndResolvedEntries() throws {
        var files: [String: String] = [
            "kustomization.yaml": "resources:\n- base\n- twice\n",
            "twice/kustomization.yaml": "resources: []\n",
            "twice/kustomization.yml": "resources: []\n",
        ]
        let names = Self.addBase(to: &files)
        let tree = try TempTree(text: files)
        defer { tree.remove() }
        let prefetch = Prefetch.run(root: tree.path)
        #expect(prefetch.kustomizations[tree.path + "/base"]?.kustomization.resources == names)
        #expect(prefetch.kustomizations[tree.path + "/twice"] == nil)
        #expect(prefetch.path(tree.path + "/base")?.isDirectory == true)
        #expect(prefetch.path(tree.path + "/base/cm3.yaml")?.resolved == tree.path + "/base/cm3.yaml")
        #expect(prefetch.path(tree.path + "/base/cm3.yaml")?.isDirectory == false)
        do {
            _ = try Build().run(tree.path)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("Found multiple kustomization files under: \(tree.path)/twice"))
        }
    }

    /// An entry of plain files and directories is resolved with one `lstat` per
    /// component; symlinks, missing paths and odd shapes are left to `realpath`.
    @Test func plainEntriesResolveWithoutRealpath() throws {
        let tree = try TempTree(text: ["a/b/f.yaml": "x: 1\n", "a/c/g.yaml": "x: 2\n"])
        defer { tree.remove() }
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/a/link", withDestinationPath: tree.path + "/a/c")
        let dir = tree.path + "/a/b"
        #expect(Paths.plainEntryIsDirectory("f.yaml", in: dir) == false)
        #expect(Paths.plainEntryIsDirectory("./f.yaml", in: dir) == false)
        #expect(Paths.plainEntryIsDirectory("../c", in: dir) == true)
        #expect(Paths.plainEntryIsDirectory("../c/g.yaml", in: dir) == false)
        #expect(Paths.plainEntryIsDirectory("../../a/c//g.yaml", in: dir) == false)
        #expect(Paths.plainEntryIsDirectory("../link", in: dir) == nil)
        #expect(Paths.plainEntryIsDirectory("../link/g.yaml", in: dir) == nil)
        #expect(Paths.plainEntryIsDirectory("missing.yaml", in: dir) == nil)
        #expect(Paths.plainEntryIsDirectory("f.yaml/x", in: dir) == nil)
        #expect(Paths.plainEntryIsDirectory("../c/../b", in: dir) == nil)
        #expect(Paths.plainEntryIsDirectory(tree.path + "/a", in: dir) == nil)
        #expect(Paths.plainEntryIsDirectory("..", in: dir) == nil)
        // Where it answers, the cleaned path is what realpath gives.
        for entry in ["f.yaml", "../c", "../../a/c//g.yaml"] {
            let abs = Paths.clean(dir + "/" + entry)
            #expect(try Paths.evalSymlinks(abs) == abs)
        }
    }

    /// Files are read with plain system calls: whole, empty, larger than a read's
    /// first guess, through a symlink; a loader resolves a plain file without
    /// realpath and still refuses a directory and a path outside its root.
    @Test func readsFilesAndResolvesPlainPaths() throws {
        let big = String(repeating: "0123456789abcdef", count: 20_000)
        let tree = try TempTree(text: ["a/f.yaml": "x: 1\n", "a/empty.yaml": "", "a/big.txt": big, "a/d/g.yaml": "y\n"])
        defer { tree.remove() }
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/a/link.yaml", withDestinationPath: tree.path + "/a/f.yaml")
        #expect(Paths.readText(tree.path + "/a/f.yaml") == "x: 1\n")
        #expect(Paths.readFile(tree.path + "/a/empty.yaml") == [])
        #expect(Paths.readText(tree.path + "/a/big.txt") == big)
        #expect(Paths.readText(tree.path + "/a/link.yaml") == "x: 1\n")
        #expect(Paths.readFile(tree.path + "/a/missing.yaml") == nil)
        let root = try Paths.evalSymlinks(tree.path)
        let loader = Loader(directory: root + "/a", restriction: root + "/a")
        #expect(try loader.resolveFile("f.yaml") == root + "/a/f.yaml")
        #expect(try loader.resolveFile("link.yaml") == root + "/a/f.yaml")
        #expect(try loader.readText("d/../f.yaml") == "x: 1\n")
        #expect(throws: KustomizeError.self) { try loader.resolveFile("d") }
        #expect(throws: KustomizeError.self) { try loader.child(root + "/a/d").resolveFile("../f.yaml") }
    }

    /// A directory read once answers for its plain names and leaves symlinks,
    /// paths with a slash and `..` to `stat`.
    @Test func directoryListingAnswersPlainNames() throws {
        let tree = try TempTree(text: ["a/f.yaml": "x: 1\n", "a/d/g.yaml": "y: 2\n"])
        defer { tree.remove() }
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/a/link", withDestinationPath: tree.path + "/a/d")
        let listing = try #require(DirectoryListing(tree.path + "/a"))
        #expect(listing.plainEntryIsDirectory("f.yaml") == false)
        #expect(listing.plainEntryIsDirectory("d") == true)
        #expect(listing.plainEntryIsDirectory("link") == nil)
        #expect(listing.plainEntryIsDirectory("missing.yaml") == nil)
        #expect(listing.plainEntryIsDirectory("d/g.yaml") == nil)
        #expect(listing.plainEntryIsDirectory("..") == nil)
        #expect(listing.exists("f.yaml") == true)
        #expect(listing.exists("missing.yaml") == false)
        #expect(listing.exists("link") == nil)
        #expect(DirectoryListing(tree.path + "/none") == nil)
    }

    /// Self-contained sibling bases are built on all cores, yet what the build
    /// records on the way (loaded SealedSecrets, warnings) comes in entry order,
    /// and a base with `openapi` (a build-wide setting) is not built apart.
    @Test func siblingBasesBuiltApartKeepEntryOrder() throws {
        var files: [String: String] = [:]
        let bases = ["d", "b", "a", "c", "j", "f", "i", "g", "k", "h", "e"]
        for b in bases {
            files["\(b)/kustomization.yaml"] = "commonLabels: {base: \(b)}\nresources:\n- sealed.yaml\n- cm.yaml\n"
            files["\(b)/sealed.yaml"] = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s-\(b)\n"
            files["\(b)/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-\(b)\n"
        }
        files["e/kustomization.yaml"]! += "openapi:\n  version: v1.21.2\n"
        files["kustomization.yaml"] = "resources:\n" + bases.map { "- \($0)\n" }.joined()
        let tree = try TempTree(text: files)
        defer { tree.remove() }
        let prefetch = Prefetch.run(root: tree.path)
        #expect(prefetch.selfContained.contains(tree.path + "/a"))
        #expect(!prefetch.selfContained.contains(tree.path + "/e"))
        #expect(!prefetch.selfContained.contains(tree.path))
        let build = Build()
        let map = try build.resources(tree.path)
        #expect(build.warnings.loadedSealedSecrets.map(\.file) == bases.map { tree.path + "/\($0)/sealed.yaml" })
        #expect(build.warnings.all.count == bases.count)
        #expect(map.count == 2 * bases.count)
    }

    /// Paths that are already clean skip the cleaning; the check never lets an
    /// unclean one through.
    @Test func cleanPathsAreRecognised() {
        let paths = ["/", "/a", "/a/b.yaml", "a", "a/b", ".", "..", "./a", "a/.", "a/..", "a/../b", "/a/./b", "//a", "a//b",
                     "a/", "/a/b/", "...", "a/...", ".a/b.", "/..", "/../a", "a/.b", "", "../../base", "a/b/../../c"]
        for p in paths {
            #expect(Paths.clean(p) == Paths.lexicalClean(p), "\(p)")
            if Paths.isClean(p) { #expect(Paths.lexicalClean(p) == p, "\(p)") }
        }
        #expect(Paths.isClean("/work/overlays/production/deployment.yaml"))
        #expect(!Paths.isClean("/work/overlays/production/../../base"))
        // Components split at '/' bytes, as Go's filepath.Clean: a '/' followed by a
        // combining mark still separates (character-wise it would not).
        #expect(Paths.clean("a/\u{301}b/../c") == "a/c")
        #expect(Paths.components("/a//\u{301}b/") == ["a", "\u{301}b"])
    }

    /// A prefetched file is handed to the first base that loads it; a second base
    /// naming the same file reads it again and gets the same objects.
    @Test func aFileLoadedTwiceIsReadAgain() throws {
        var files: [String: String] = [
            "kustomization.yaml": "resources:\n- a\n- b\n",
            "a/kustomization.yaml": "namePrefix: a-\nresources:\n- ../base\n",
            "b/kustomization.yaml": "namePrefix: b-\nresources:\n- ../base\n",
        ]
        _ = Self.addBase(to: &files)
        let tree = try TempTree(text: files)
        defer { tree.remove() }
        let map = try Build().resources(tree.path)
        #expect(map.resources.map(\.name).sorted() == (0..<10).flatMap { ["a-cm\($0)", "b-cm\($0)"] }.sorted())
    }

    /// Bases after one that may change the build's OpenAPI schema are built in
    /// turn, after it (they read the schema it sets).
    @Test func basesAfterAnOpenAPISettingBaseAreNotBuiltAhead() throws {
        var files: [String: String] = [:]
        let order = (0..<9).map { "s\($0)" } + ["x"] + (9..<14).map { "s\($0)" }
        for b in order {
            files["\(b)/kustomization.yaml"] = "resources:\n- cm.yaml\n"
            files["\(b)/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-\(b)\n"
        }
        files["x/kustomization.yaml"]! += "openapi:\n  version: v1.21.2\n"
        files["kustomization.yaml"] = "resources:\n" + order.map { "- \($0)\n" }.joined()
        let tree = try TempTree(text: files)
        defer { tree.remove() }
        let prefetch = Prefetch.run(root: tree.path)
        let target = try Target.load(loader: Loader(directory: tree.path, restriction: tree.path), warnings: Warnings(),
                                     openAPI: OpenAPISelection(), prefetch: prefetch)
        let prebuilt = target.prebuildBases(state: AccumulatedState(config: TransformerConfig()), visited: [tree.path])
        if Parallel.cores > 1 && 9 >= 4 * Parallel.cores {
            #expect(Set(prebuilt.keys) == Set(0..<9))
        } else {
            #expect(prebuilt.isEmpty)
        }
        #expect(try Build().resources(tree.path).count == order.count)
    }
}
