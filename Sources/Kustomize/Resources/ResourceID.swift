import YAML

/// Group, version and kind of a resource; `apiVersion` is split at its first `/`.
public struct GVK: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String = "", version: String = "", kind: String = "") {
        self.group = group
        self.version = version
        self.kind = kind
    }

    public init(apiVersion: String, kind: String) {
        self.kind = kind
        if let (g, v) = Self.commonSplit(apiVersion) {
            group = g
            version = v
        } else if let slash = apiVersion.utf8.firstIndex(of: UInt8(ascii: "/")) {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.utf8.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
    }

    /// `group/version` when both are common ones, as literals: every resource's id
    /// is read many times in a build, and a literal is no new string and needs no
    /// reference counting.
    static func commonSplit(_ apiVersion: String) -> (group: String, version: String)? {
        apiVersion.withBytes { bytes in
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let group = UnsafeBufferPointer(rebasing: bytes[..<slash])
            let version = UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])
            guard let g = commonGroups.first(where: { $0.bytesEqual(group) }),
                  let v = commonVersions.first(where: { $0.bytesEqual(version) }) else { return nil }
            return (g, v)
        }
    }

    /// Groups and versions of the kinds most manifests hold.
    static let commonGroups = ["apps", "batch", "policy", "autoscaling", "networking.k8s.io",
                               "rbac.authorization.k8s.io", "external-secrets.io", "bitnami.com",
                               "scheduling.k8s.io", "storage.k8s.io", "monitoring.coreos.com"]
    static let commonVersions = ["v1", "v2", "v1beta1", "v1alpha1", "v1beta2", "v2beta2"]

    public var apiVersion: String { group.isEmpty ? version : group + "/" + version }

    /// True for the kinds kustomize treats as cluster-scoped (exact apiVersion and kind).
    public var isClusterScoped: Bool { ClusterScope.isClusterScoped(self) }

    /// `Kind.version.group` with `[noKind]`, `[noVer]`, `[noGrp]` placeholders.
    public var description: String {
        (kind.isEmpty ? "[noKind]" : kind) + "." + (version.isEmpty ? "[noVer]" : version) + "."
            + (group.isEmpty ? "[noGrp]" : group)
    }

    /// True when every non-empty part of `selector` equals this GVK's part.
    public func isSelected(by selector: GVK) -> Bool {
        (selector.group.isEmpty || selector.group == group)
            && (selector.version.isEmpty || selector.version == version)
            && (selector.kind.isEmpty || selector.kind == kind)
    }
}

/// A resource's identity: GVK, name and namespace.
public struct ResId: Hashable, Sendable, CustomStringConvertible {
    public var gvk: GVK
    public var name: String
    public var namespace: String

    public init(gvk: GVK, name: String, namespace: String = "") {
        self.gvk = gvk
        self.name = name
        self.namespace = namespace
    }

    /// The namespace used for comparisons: none for cluster-scoped kinds, `default` for empty.
    public var effectiveNamespace: String {
        if gvk.isClusterScoped { return "" }
        return namespace.isEmpty ? "default" : namespace
    }

    /// `Kind.version.group/name.namespace`, as kustomize prints ids in errors.
    public var description: String {
        gvk.description + "/" + (name.isEmpty ? "[noName]" : name) + "."
            + (namespace.isEmpty ? "[noNs]" : namespace)
    }

    /// Equality with effective namespaces, as kustomize's `ResId.Equals`.
    public func matches(_ other: ResId) -> Bool {
        gvk == other.gvk && name == other.name && effectiveNamespace == other.effectiveNamespace
    }

    /// Hashes name and kind only: group, version and namespace seldom tell ids
    /// apart (a build's resources mostly share one namespace), and ids are hashed
    /// by the thousand (equality still compares all).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(gvk.kind)
    }

    /// A hashable key with the effective namespace.
    public var key: ResId { ResId(gvk: gvk, name: name, namespace: effectiveNamespace) }
}

/// The cluster-scoped apiVersion/kind pairs (kustomize's built-in list).
enum ClusterScope {
    static let kinds: Set<String> = [
        "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration",
        "apiextensions.k8s.io/v1 CustomResourceDefinition",
        "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
        "apiregistration.k8s.io/v1 APIService",
        "apiregistration.k8s.io/v1beta1 APIService",
        "certificates.k8s.io/v1 CertificateSigningRequest",
        "certificates.k8s.io/v1beta1 CertificateSigningRequest",
        "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
        "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration",
        "networking.k8s.io/v1 IngressClass",
        "networking.k8s.io/v1beta1 IngressClass",
        "node.k8s.io/v1 RuntimeClass",
        "node.k8s.io/v1beta1 RuntimeClass",
        "policy/v1beta1 PodSecurityPolicy",
        "rbac.authorization.k8s.io/v1 ClusterRole",
        "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
        "rbac.authorization.k8s.io/v1beta1 ClusterRole",
        "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
        "scheduling.k8s.io/v1 PriorityClass",
        "scheduling.k8s.io/v1beta1 PriorityClass",
        "storage.k8s.io/v1 CSIDriver",
        "storage.k8s.io/v1 CSINode",
        "storage.k8s.io/v1 StorageClass",
        "storage.k8s.io/v1 VolumeAttachment",
        "storage.k8s.io/v1beta1 CSIDriver",
        "storage.k8s.io/v1beta1 CSINode",
        "storage.k8s.io/v1beta1 StorageClass",
        "storage.k8s.io/v1beta1 VolumeAttachment",
        "v1 ComponentStatus",
        "v1 Namespace",
        "v1 Node",
        "v1 NodeProxyOptions",
        "v1 PersistentVolume",
    ]

    /// The kinds of `kinds`: most resources are of none of them.
    /// (The text after the space, found in the UTF-8 bytes: splitting into
    /// characters cost ~600,000 instructions, a fifth of a one-resource build.)
    static let kindNames = Set(kinds.map { pair in
        String(decoding: pair.utf8.drop { $0 != UInt8(ascii: " ") }.dropFirst(), as: UTF8.self)
    })

    static func isClusterScoped(_ gvk: GVK) -> Bool {
        kindNames.contains(gvk.kind) && kinds.contains(gvk.apiVersion + " " + gvk.kind)
    }
}
