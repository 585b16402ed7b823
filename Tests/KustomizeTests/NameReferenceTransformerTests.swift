import Testing
import YAML
@testable import Kustomize

@Suite struct NameReferenceTransformerTests {
    let pod = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pod}
        spec:
          volumes:
          - configMap: {name: cm}
          - configMap: {name: other}
        """

    @Test func followsRenamedConfigMap() throws {
        var map = try RefsTestSupport.map(pod)
        RefsTestSupport.prefix(&map, 0, "p-")
        try NameReferenceTransformer().transform(&map, context: RefsTestSupport.context)
        let volumes = map.resources[1].node[["spec", "volumes"]]?.sequence ?? []
        #expect(volumes.map { $0[["configMap", "name"]]?.string } == ["p-cm", "other"])
    }

    @Test func neverRenamedIsNoCandidate() throws {
        var map = try RefsTestSupport.map(pod)
        try NameReferenceTransformer().transform(&map, context: RefsTestSupport.context)
        #expect(map.resources[1].node[["spec", "volumes"]]?.sequence?.first?[["configMap", "name"]]?.string == "cm")
    }

    @Test func namespaceMustMatch() throws {
        var map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm, namespace: a}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pod, namespace: c}
            spec:
              volumes:
              - configMap: {name: cm}
            """)
        RefsTestSupport.prefix(&map, 0, "p-")
        try NameReferenceTransformer().transform(&map, context: RefsTestSupport.context)
        #expect(map.resources[1].node[["spec", "volumes"]]?.sequence?.first?[["configMap", "name"]]?.string == "cm")
    }

    @Test func diamondPicksMatchingPrefixHistory() throws {
        let map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pod}
            spec:
              volumes:
              - configMap: {name: cm}
            """)
        // Two copies of the base, one per branch: a- and b-.
        var a = map
        var b = map
        for i in 0..<2 { RefsTestSupport.prefix(&a, i, "a-"); RefsTestSupport.prefix(&b, i, "b-") }
        var all = ResourceMap(a.resources + b.resources)
        try NameReferenceTransformer().transform(&all, context: RefsTestSupport.context)
        #expect(all.resources[1].node[["spec", "volumes"]]?.sequence?.first?[["configMap", "name"]]?.string == "a-cm")
        #expect(all.resources[3].node[["spec", "volumes"]]?.sequence?.first?[["configMap", "name"]]?.string == "b-cm")
    }

    @Test func subjectsGetNameAndNamespace() throws {
        var map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sa}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: crb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cr}
            subjects:
            - {kind: ServiceAccount, name: sa, namespace: default}
            - {kind: User, name: sa}
            - {kind: ServiceAccount, name: sa, namespace: elsewhere}
            """)
        map.resources[0].recordCurrentId()
        map.resources[0].namespace = "prod"
        RefsTestSupport.prefix(&map, 0, "p-")
        try NameReferenceTransformer().transform(&map, context: RefsTestSupport.context)
        let subjects = map.resources[1].node["subjects"]?.sequence ?? []
        #expect(subjects.map { $0["name"]?.string } == ["p-sa", "p-sa", "sa"])
        #expect(subjects.map { $0["namespace"]?.string } == ["prod", "prod", "elsewhere"])
    }

    @Test func ambiguousReferralIsAnError() throws {
        var map = try RefsTestSupport.map("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: gen, namespace: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: gen, namespace: b}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cr}
            rules:
            - resources: [configmaps]
              resourceNames: [gen, unrelated]
            """)
        map.resources[0].rename("gen-x")
        map.resources[1].rename("gen-y")
        #expect(throws: KustomizeError.self) {
            try NameReferenceTransformer().transform(&map, context: RefsTestSupport.context)
        }
    }

    @Test func roleRefFollowsOnlyItsKind() throws {
        var map = try RefsTestSupport.map("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: r}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
            """)
        map.resources[0].rename("role-r")
        map.resources[1].rename("cluster-r")
        try NameReferenceTransformer().transform(&map, context: RefsTestSupport.context)
        #expect(map.resources[2].node[["roleRef", "name"]]?.string == "cluster-r")
    }

    @Test func sameEndingMatchesTails() {
        #expect(NameFix.sameEnding([], []))
        #expect(!NameFix.sameEnding([], ["a"]))
        #expect(NameFix.sameEnding(["b"], ["a", "b"]))
        #expect(!NameFix.sameEnding(["a"], ["a", "b"]))
    }
}
