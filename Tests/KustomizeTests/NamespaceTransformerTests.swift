import Testing
@testable import Kustomize
import YAML

@Suite struct NamespaceTransformerTests {
    let builtin = TransformerConfig.builtin.namespace

    @Test func setsNamespacedSkipsClusterScoped() throws {
        let m = try TransformerHarness.run(NamespaceTransformer(namespace: "prod", fieldSpecs: builtin), """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: old}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cr, namespace: stale}
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: ci}
            """)
        #expect(m.resources.map(\.namespace) == ["prod", "stale", "prod"])
        #expect(m.resources[0].previousIds.first?.namespace == "old")
    }

    @Test func renamesOnlyV1Namespace() throws {
        let m = try TransformerHarness.run(NamespaceTransformer(namespace: "prod", fieldSpecs: builtin), """
            apiVersion: v1
            kind: Namespace
            metadata: {name: foo}
            ---
            apiVersion: example.com/v1
            kind: Namespace
            metadata: {name: bar}
            """)
        #expect(m.resources[0].name == "prod")
        #expect(m.resources[0].namespace == "")
        #expect(m.resources[1].name == "bar")
        #expect(m.resources[1].namespace == "prod")
    }

    @Test func subjectModes() throws {
        let input = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb}
            subjects:
            - {kind: ServiceAccount, name: default, namespace: kube-system}
            - {kind: ServiceAccount, name: sa}
            - {kind: User, name: default}
            """
        func namespaces(_ t: NamespaceTransformer) throws -> [String?] {
            let m = try TransformerHarness.run(t, input)
            return (m.resources[0].node["subjects"]?.sequence ?? []).map { $0["namespace"]?.string }
        }
        var t = NamespaceTransformer(namespace: "prod", fieldSpecs: [])
        #expect(try namespaces(t) == ["prod", nil, "prod"])
        t.roleBindingSubjects = .allServiceAccounts
        #expect(try namespaces(t) == ["prod", "prod", nil])
        t.unsetOnly = true
        #expect(try namespaces(t) == ["kube-system", "prod", nil])
        t.roleBindingSubjects = .none
        #expect(try namespaces(t) == ["kube-system", nil, nil])
    }

    @Test func idConflictIsAnError() throws {
        let message = try TransformerHarness.error(NamespaceTransformer(namespace: "prod", fieldSpecs: builtin), """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: b}
            """)
        #expect(message?.hasPrefix("namespace transformation produces ID conflict: [{") == true)
        #expect(message?.contains("\"internal.config.kubernetes.io/previousNamespaces\":\"b\"") == true)
    }

    @Test func twoNamespaceObjectsRenamedToOneClash() throws {
        // Both become Namespace `prod`: the kind whose names change has two
        // resources, so the ids are checked one by one.
        let message = try TransformerHarness.error(NamespaceTransformer(namespace: "prod", fieldSpecs: builtin), """
            apiVersion: v1
            kind: Namespace
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: b}
            """)
        #expect(message?.hasPrefix("namespace transformation produces ID conflict: [{") == true)
        // As kustomize prints a cluster-scoped kind's namespace.
        #expect(message?.contains("\"internal.config.kubernetes.io/previousNamespaces\":\"_non_namespaceable_\"") == true)
    }

    @Test func clashIsRuledOutOnlyForDistinctKindsAndNames() throws {
        func ids(_ text: String) throws -> [ResId] {
            try TransformerHarness.map(text).resources.map(\.id)
        }
        let t = NamespaceTransformer(namespace: "prod", fieldSpecs: builtin)
        let distinct = try ids("""
            {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}
            ---
            {apiVersion: v1, kind: Secret, metadata: {name: a, namespace: x}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: x}}
            """)
        #expect(NamespaceTransformer.cannotClash(distinct, t.specCache(distinct)))
        let sameName = try ids("""
            {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: x}}
            ---
            {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: y}}
            """)
        #expect(!NamespaceTransformer.cannotClash(sameName, t.specCache(sameName)))
        let kindSpec = NamespaceTransformer(namespace: "prod", fieldSpecs: [FieldSpec(path: ["kind"], create: true)])
        #expect(!NamespaceTransformer.cannotClash(distinct, kindSpec.specCache(distinct)))
    }

    @Test func createsAPIServiceNamespace() throws {
        let m = try TransformerHarness.run(NamespaceTransformer(namespace: "prod", fieldSpecs: builtin), """
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: v1.local}
            spec: {group: local}
            """)
        #expect(m.resources[0].node[["spec", "service", "namespace"]]?.string == "prod")
        #expect(m.resources[0].namespace == "")
    }

    @Test func pluginRejectsUnknownSubjectMode() throws {
        let config = try #require(try Parser.parseFirst("""
            apiVersion: builtin
            kind: NamespaceTransformer
            metadata: {name: ns, namespace: prod}
            setRoleBindingSubjects: bogus
            """))
        #expect(throws: KustomizeError.self) { try FieldSpecPlugins.make(kind: "NamespaceTransformer", config: config) }
    }
}
