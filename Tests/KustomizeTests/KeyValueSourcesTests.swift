import Testing
@testable import Kustomize

@Suite struct KeyValueSourcesTests {
    @Test func literals() throws {
        #expect(try KeyValueSources.literal("f=x=y") == KeyValue(key: "f", text: "x=y"))
        #expect(try KeyValueSources.literal("b='single'") == KeyValue(key: "b", text: "single"))
        #expect(try KeyValueSources.literal("c=\"double\"") == KeyValue(key: "c", text: "double"))
        #expect(try KeyValueSources.literal("i=''") == KeyValue(key: "i", text: ""))
        #expect(try KeyValueSources.literal("k='it''s'") == KeyValue(key: "k", text: "it''s"))
        #expect(try KeyValueSources.literal("d='mismatch\"") == KeyValue(key: "d", text: "'mismatch\""))
        #expect(try KeyValueSources.literal("h=\"") == KeyValue(key: "h", text: "\""))
        #expect(try KeyValueSources.literal("e=") == KeyValue(key: "e", text: ""))
        #expect(errorText { _ = try KeyValueSources.literal("justkey") }
                == "invalid literal source justkey, expected key=value")
        #expect(errorText { _ = try KeyValueSources.literal("=v") } == "invalid literal source =v, expected key=value")
    }

    @Test func fileSources() throws {
        #expect(try KeyValueSources.fileSource("conf/app.properties") == ("app.properties", "conf/app.properties"))
        #expect(try KeyValueSources.fileSource("k=conf/a.txt") == ("k", "conf/a.txt"))
        #expect(errorText { _ = try KeyValueSources.fileSource("=a.txt") }
                == #"missing key name for file path "a.txt" in source "=a.txt""#)
        #expect(errorText { _ = try KeyValueSources.fileSource("k=") }
                == #"missing file path for key name "k" in source "k=""#)
        #expect(errorText { _ = try KeyValueSources.fileSource("k=a=b.txt") }
                == #"source "k=a=b.txt" key name or file path contains '='"#)
        #expect(Paths.base("a/b/") == "b")
        #expect(Paths.base("/") == "/")
        #expect(Paths.base("///") == "/")
        #expect(Paths.base("") == ".")
        #expect(Paths.base("a") == "a")
        #expect(Paths.base("dir/sub//") == "sub")
        #expect(Paths.base("d/\u{301}x") == "\u{301}x")  // bytes, as Go: a combining mark after '/' starts the base
    }

    /// Order env files → literals → files, and the `loading KV pairs` prefixes.
    @Test func collection() throws {
        let tree = try TempTree(["a.env": Array("E=1\n".utf8), "f.txt": [0xFF, 0x00], "sub/x": []])
        defer { tree.remove() }
        let loader = Loader(directory: tree.path, restriction: tree.path)
        var args = GeneratorArgs()
        args.files = ["f.txt"]
        args.literals = ["L=2"]
        args.envs = ["a.env"]
        let pairs = try KeyValueSources.pairs(args, loader: loader)
        #expect(pairs == [KeyValue(key: "E", text: "1"), KeyValue(key: "L", text: "2"), KeyValue(key: "f.txt", value: [0xFF, 0x00])])

        args.files = ["f.txt", "sub"]
        #expect(errorText { _ = try KeyValueSources.pairs(args, loader: loader) }
                == "loading KV pairs: file sources: [f.txt sub]: '\(tree.path)/sub' must resolve to a file")
        args.files = []
        args.envs = ["nope.env"]
        #expect(errorText { _ = try KeyValueSources.pairs(args, loader: loader) }
                == "loading KV pairs: env source files: [nope.env]: evalsymlink failure on '\(tree.path)/nope.env' : lstat \(tree.path)/nope.env: no such file or directory")
        args.envs = []
        args.literals = ["a=1", "=v"]
        #expect(errorText { _ = try KeyValueSources.pairs(args, loader: loader) }
                == "loading KV pairs: literal sources [a=1 =v]: invalid literal source =v, expected key=value")
    }
}
