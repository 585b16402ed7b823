import Testing
@testable import Kustomize

@Suite struct GVKTests {
    /// The split kustomize makes: the group before the first `/`, the version after
    /// it; without a `/` the whole text is the version.
    static func naive(_ apiVersion: String) -> (String, String) {
        guard let slash = apiVersion.firstIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }

    /// Common groups and versions come from literals; every apiVersion splits as
    /// the naive split does, common or not.
    @Test func splitsAsTheNaiveSplit() {
        var inputs = ["", "v1", "/", "/v1", "apps/", "apps/v1", "apps/v1/x", "apps//v1", "batch/v1",
                      "autoscaling/v2", "policy/v1", "external-secrets.io/v1", "external-secrets.io/v1beta1",
                      "bitnami.com/v1alpha1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1",
                      "apps/v1beta", "app/v1", "apps/V1", "Apps/v1", "example.com/v1", "ünï/v1", "apps/v1ü"]
        for g in GVK.commonGroups + ["", "x", "apps2", "examp"] {
            for v in GVK.commonVersions + ["", "v", "v10", "v1beta"] {
                inputs.append(g + "/" + v)
                inputs.append(g + v)
            }
        }
        for apiVersion in inputs {
            let gvk = GVK(apiVersion: apiVersion, kind: "K")
            let (group, version) = Self.naive(apiVersion)
            #expect(gvk.group == group && gvk.version == version && gvk.kind == "K", "\(apiVersion)")
            #expect(gvk == GVK(group: group, version: version, kind: "K"), "\(apiVersion)")
        }
    }
}
