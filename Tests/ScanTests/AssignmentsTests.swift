import Testing
@testable import Scan

@Suite struct AssignmentsTests {
    func pairs(_ line: String, code: Bool = false) -> [String] {
        let b = Array(line.utf8)
        return Assignments.extract(b, 0..<b.count, codeComments: code).map {
            "\(Bytes.string(b, $0.key))=\(Bytes.string(b, $0.value))\($0.quoted ? " (q)" : "")"
        }
    }

    @Test func yamlAndJSON() {
        #expect(pairs("  password: \"68rD!x\"  # note") == ["password=68rD!x (q)"])
        #expect(pairs("password: hunter2-prod # comment") == ["password=hunter2-prod"])
        #expect(pairs("- name: x") == ["name=x"])
        #expect(pairs("  \"auth\": \"cm9i\",") == ["auth=cm9i (q)"])
        #expect(pairs("{\"a\":\"1\",\"admin-password\":\"ZmFs\"}").contains("admin-password=ZmFs (q)"))
        #expect(pairs("config: |") == ["config=|"])
    }

    @Test func envShellAndFlags() {
        #expect(pairs("export PGPASSWORD='marble.kestrel'") == ["PGPASSWORD=marble.kestrel (q)"])
        #expect(pairs("  - password=Gl5.m8urU") == ["password=Gl5.m8urU"])
        #expect(pairs("kubectl create secret --from-literal=admin-password='SEFs' \\").contains("admin-password=SEFs (q)"))
        #expect(pairs("aws_secret_key = \"kjlg\"") == ["aws_secret_key=kjlg (q)"])
        #expect(pairs("Server=x;Password=Pw123;Database=y").contains("Password=Pw123"))
        #expect(pairs("IMAGE ?= sha256:abc") == ["IMAGE=sha256:abc"])
        #expect(pairs("if a == b") == [])
    }

    @Test func commentsYieldOnlyWholeAssignments() {
        #expect(pairs("# old-api-token=ghp_abc") == ["old-api-token=ghp_abc"])
        #expect(pairs("# see docs: the token is in vault") == [])
        #expect(pairs("# use --password=x to override") == [])
        #expect(pairs("// password = \"x\"", code: true) == ["password=x (q)"])
    }
}
