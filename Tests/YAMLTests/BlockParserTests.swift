import Foundation
import Testing
@testable import YAML

/// The block parser must build exactly what libyaml builds (values, styles,
/// tags, marks, document count) on every text it accepts, and accept the plain
/// block style manifests are written in.
@Suite struct BlockParserTests {
    /// Every YAML file of the repository's fixtures and examples, and of the shared
    /// conformance cases and samples when they are beside the repository.
    static let corpus: [String] = {
        let repo = Fixtures.root.deletingLastPathComponent()
        var roots = ["fixtures", "base", "overlays"].map { repo.appendingPathComponent($0).path }
        let shared = ProcessInfo.processInfo.environment["KUSTOS_SHARED"]
            .map { $0.hasPrefix("/") ? $0 : repo.appendingPathComponent($0).path }
            ?? repo.deletingLastPathComponent().appendingPathComponent("shared").path
        roots.append(shared)
        var files: [String] = []
        for root in roots {
            guard let walk = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in walk where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                files.append(root + "/" + path)
            }
        }
        return files.sorted()
    }()

    /// Both parsers on `text`: nil from the block parser means it declined.
    static func compare(_ text: String, _ label: String) -> (accepted: Bool, problem: String?) {
        var buffer = text
        let fast = buffer.withUTF8 { BlockParser.parse($0, maxDocuments: .max) }
        guard let fast else { return (false, nil) }
        var reference: [Node] = []
        do throws(YAMLError) {
            try Parser.parse(text, maxDocuments: .max, fastPath: false) { reference.append($0) }
        } catch {
            return (true, "\(label): libyaml fails (\(error)) but the block parser accepted it")
        }
        guard fast.count == reference.count else {
            return (true, "\(label): \(fast.count) documents, libyaml \(reference.count)")
        }
        for (i, (a, b)) in zip(fast, reference).enumerated() {
            if let d = difference(a, b, path: "doc \(i)") { return (true, "\(label): \(d)") }
        }
        return (true, nil)
    }

    /// The first place two nodes differ, marks included.
    static func difference(_ a: Node, _ b: Node, path: String) -> String? {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            if x.value != y.value { return "\(path): value \(x.value.debugDescription) vs \(y.value.debugDescription)" }
            if x.style != y.style { return "\(path): style \(x.style) vs \(y.style)" }
            if x.tag != y.tag { return "\(path): tag" }
            if x.mark != y.mark { return "\(path): mark \(x.mark) vs \(y.mark)" }
            return nil
        case (.mapping(let x), .mapping(let y)):
            if x.mark != y.mark { return "\(path): mapping mark \(x.mark) vs \(y.mark)" }
            if x.count != y.count { return "\(path): \(x.count) entries vs \(y.count)" }
            for (e, f) in zip(x.entries, y.entries) {
                if let d = difference(.scalar(e.key), .scalar(f.key), path: path + " key") { return d }
                if let d = difference(e.value, f.value, path: path + "." + e.key.value) { return d }
            }
            return nil
        case (.sequence(let x), .sequence(let y)):
            if x.count != y.count { return "\(path): \(x.count) items vs \(y.count)" }
            for (i, (e, f)) in zip(x, y).enumerated() {
                if let d = difference(e, f, path: path + "[\(i)]") { return d }
            }
            return nil
        default:
            return "\(path): different kinds"
        }
    }

    @Test func agreesWithLibyamlOnTheCorpus() throws {
        try #require(Self.corpus.count > 100, "the corpus was not found")
        var accepted = 0
        var problems: [String] = []
        for file in Self.corpus {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let (ok, problem) = Self.compare(String(decoding: data, as: UTF8.self), file)
            if ok { accepted += 1 }
            if let problem { problems.append(problem) }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        // Most manifests are plain block style: the fast path must take them.
        #expect(accepted * 2 > Self.corpus.count, "accepted \(accepted) of \(Self.corpus.count)")
    }

    /// Each corpus file changed one line at a time (indented, dedented, cut short,
    /// given a stray colon, quote or dash): whatever the block parser accepts must
    /// match libyaml, and what libyaml rejects it must decline.
    @Test func agreesWithLibyamlOnDamagedText() throws {
        var problems: [String] = []
        var checked = 0
        var accepted = 0
        let edits: [@Sendable (String) -> String] = [
            { " " + $0 }, { "  " + $0 }, { String($0.dropFirst()) }, { String($0.dropFirst(2)) },
            { $0 + ":" }, { $0 + " x" }, { String($0.prefix($0.count / 2)) }, { $0 + "\n" },
            { "- " + $0 }, { $0 + " #" }, { $0.replacingOccurrences(of: ": ", with: ":") },
            { $0 + " '" }, { $0 + " |" }, { _ in "---" }, { _ in "" }, { "#" + $0 },
        ]
        for (f, file) in Self.corpus.enumerated() where f % 3 == 0 {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init)
            guard lines.count < 200 else { continue }
            for (i, line) in lines.enumerated() {
                let edit = edits[(i + f) % edits.count]
                var changed = lines
                changed[i] = edit(line)
                let (ok, problem) = Self.compare(changed.joined(separator: "\n"), "\(file) line \(i + 1)")
                if ok { accepted += 1 }
                checked += 1
                if let problem { problems.append(problem) }
            }
        }
        #expect(checked > 1000)
        // The edits leave many texts valid and plain: the comparison must have had work.
        #expect(accepted * 4 > checked, "accepted \(accepted) of \(checked)")
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
    }

    @Test(arguments: [
        "a: 1\n", "a:\n", "a:\nb: 2\n", "a:\n  b:\n", "- \n- a\n", "-\n", "---\n", "---\n---\n", "a: 1\n---\n",
        "---\na: 1\n---\n", "# c\n---\n# c\n", "k: |\n  a\n\n  b\n\n\nn: 1\n", "k: |-\n  a\n", "k: |+\n  a\n\n",
        "k: |\n\n  a\n", "k: |\n", "k: |+\n\n\n", "k: |\n  a", "- |\n  x\n- y\n", "k: [a, 'b', \"c\"]\n", "k: []\n",
        "k: {}\n", "k: { }  # c\n", "'q': \"a\\tb\\u00e9\\x41\"\n", "k: 'it''s'\n", "a:\n- x\n- y: 1\n  z: 2\nb: 3\n",
        "  a: 1\n  b: 2\n", "a: b # c\n", "a: b#c\n", "k: -1\n", "- -x\n", "a  : 1\n", "a: 1\n...\n", "a: 1\nb",
        "a:\n  b\n", "a: b\n  c\n", "a: 'x'y\n", "a: [b\n", "<<: {}\n", "a: *x\n", "a: &x 1\n", "a: !!str 1\n",
        "a: >\n  b\n", "k: |2\n  a\n", "a: \"\\q\"\n", "--- a\n", "a:\n  - b\n  c: 1\n", "-  a: 1\n   b: 2\n-  c\n",
    ])
    func agreesWithLibyamlOnSmallTexts(_ text: String) {
        let (_, problem) = Self.compare(text, text.debugDescription)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func takesTheBlockStyleOfManifests() {
        let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web  # the name
          labels: {}
        spec:
          template:
            spec:
              containers:
              - name: web
                args: [--port, "8080"]
                env:
                - name: A
                  value: 'x'
              - name: sidecar
                command:
                  - sh
        data:
          script: |
            echo hi
        ---
        kind: Service

        """
        var buffer = text
        let docs = buffer.withUTF8 { BlockParser.parse($0, maxDocuments: .max) }
        #expect(docs?.count == 2)
        #expect(Self.compare(text, "manifest").problem == nil)
    }
}
