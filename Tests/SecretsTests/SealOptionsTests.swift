import Testing
@testable import Secrets

@Suite("SealOptions")
struct SealOptionsTests {
    @Test func dashOIsFormatOrFile() throws {
        var o = try SealOptions.parse(["--cert", "c", "-o", "yaml"])
        #expect(o.format == .yaml && o.outputFile == nil)
        o = try SealOptions.parse(["--cert", "c", "-o", "json"])
        #expect(o.format == .json && o.outputFile == nil)
        o = try SealOptions.parse(["--cert", "c", "-o", "out.yaml"])
        #expect(o.format == nil && o.outputFile == "out.yaml")
        o = try SealOptions.parse(["--cert", "c", "--output-file", "yaml", "--format=json"])
        #expect(o.format == .json && o.outputFile == "yaml")
        o = try SealOptions.parse(["--cert=c", "-w", "x.json", "in.yaml"])
        #expect(o.outputFile == "x.json" && o.input == "in.yaml" && o.cert == "c")
    }

    @Test func modes() throws {
        #expect(try SealOptions.parse(["--cert", "c", "--raw", "-n", "ns", "--name", "n"]).mode == .raw)
        #expect(try SealOptions.parse(["--cert", "c", "--raw", "--scope", "cluster-wide"]).mode == .raw)
        let o = try SealOptions.parse(["--cert", "c", "--new", "db", "-n", "p", "--keys", "a, b,,c", "--type", "kubernetes.io/basic-auth", "--prompt", "--no-confirm"])
        #expect(o.mode == .new(name: "db"))
        #expect(o.keys == ["a", "b", "c"])
        #expect(o.prompt && !o.confirm)
        #expect(try SealOptions.parse(["--help"]).help)
    }

    @Test(arguments: [
        (["--bogus"], "unknown flag --bogus"),
        (["-f", "x"], "--cert CERT.pem is required (the controller's certificate, e.g. from `kubeseal --fetch-cert`)"),
        (["--cert"], "--cert needs a value"),
        (["--cert", "c", "--scope", "global"], "--scope must be strict, namespace-wide or cluster-wide, not \"global\""),
        (["--cert", "c", "--raw", "-n", "ns"], "--raw with scope strict needs --name"),
        (["--cert", "c", "--raw", "--scope", "namespace-wide"], "--raw with scope namespace-wide needs --namespace"),
        (["--cert", "c", "--raw", "--merge-into", "f", "--scope", "cluster-wide"], "--raw cannot be combined with --merge-into"),
        (["--cert", "c", "--new", "db", "--keys", "a"], "--new needs --namespace (or --scope cluster-wide)"),
        (["--cert", "c", "--new", "db", "-n", "p"], "--new needs --keys K1,K2,... or --from-env-file FILE"),
        (["--cert", "c", "--new", "db", "-n", "p", "--keys", "a/b"], "invalid key \"a/b\" in --keys (keys may contain letters, digits, '-', '_' and '.')"),
        (["--cert", "c", "--keys", "a"], "--keys, --prompt and --from-env-file need --new NAME or --merge-into FILE"),
        (["--cert", "c", "--type", "Opaque"], "--type applies to --new only"),
        (["--cert", "c", "a.yaml", "b.yaml"], "give at most one input file (found a.yaml, b.yaml)"),
        (["--cert", "c", "--from-file", "v"], "--from-file applies to --raw only"),
        (["--cert", "c", "-o", "yamll"], "-o yamll: expected yaml, json or a file path with an extension or a directory (use --output-file for other names)"),
    ])
    func usageErrors(args: [String], message: String) {
        #expect(throws: SealError.usage(message)) { try SealOptions.parse(args) }
    }

    @Test func helpDocumentsTheDashOResolution() {
        #expect(SealOptions.help.contains("\"yaml\" or \"json\" selects the format; a value with a \".\" or"))
    }
}
