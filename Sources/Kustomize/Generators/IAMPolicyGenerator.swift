import YAML

/// The builtin `IAMPolicyGenerator` plugin: a GKE Workload Identity
/// ServiceAccount annotated with its Google service account.
public struct IAMPolicyGenerator: Generator {
    public var cloud = ""
    public var kubernetesServiceName = ""
    public var kubernetesServiceNamespace = ""
    public var serviceAccountName = ""
    public var projectId = ""

    public init() {}

    /// Decodes the plugin configuration (unknown fields ignored, as kustomize does).
    public init(pluginConfig node: Node) throws(KustomizeError) {
        let decoder = GeneratorFieldDecoder(
            prefix: "trouble configuring builtin IAMPolicyGenerator with config: error unmarshaling JSON: while decoding JSON: ",
            strict: false, yaml12: true)
        let owner = "IAMPolicyGeneratorPlugin.IAMPolicyGeneratorArgs"
        let known = ["cloud", "kubernetesService", "serviceAccount"]
        for (field, value) in try decoder.fields(node, known: known, field: owner, goType: "types.IAMPolicyGeneratorArgs") {
            switch field {
            case "cloud":
                cloud = try decoder.string(value, field: "\(owner).cloud")
            case "kubernetesService":
                let path = "KubernetesService.kubernetesService"
                for (f, v) in try decoder.fields(value, known: ["name", "namespace"], field: "\(owner).kubernetesService",
                                                 goType: "types.KubernetesService") {
                    let text = try decoder.string(v, field: "\(path).\(f)")
                    if f == "name" { kubernetesServiceName = text } else { kubernetesServiceNamespace = text }
                }
            default:
                let path = "ServiceAccount.serviceAccount"
                for (f, v) in try decoder.fields(value, known: ["name", "projectId"], field: "\(owner).serviceAccount",
                                                 goType: "types.ServiceAccount") {
                    let text = try decoder.string(v, field: "\(path).\(f)")
                    if f == "name" { serviceAccountName = text } else { projectId = text }
                }
            }
        }
    }

    public func generate(context: BuildContext) throws(KustomizeError) -> [Resource] {
        guard cloud == "gke" else { throw .message("cloud provider \(cloud) not supported yet") }
        // kustomize formats this YAML text and parses it, so values are typed as written.
        var text = """

            apiVersion: v1
            kind: ServiceAccount
            metadata:
              annotations:
                iam.gke.io/gcp-service-account: \(serviceAccountName)@\(projectId).iam.gserviceaccount.com
              name: \(kubernetesServiceName)

            """
        if !kubernetesServiceNamespace.isEmpty { text += "\n  namespace: \(kubernetesServiceNamespace)" }
        let node: Node?
        do throws(YAMLError) {
            node = try Parser.parseFirst(text)
        } catch {
            throw .message("\(error)")
        }
        guard let node else { return [] }
        return [Resource(node: node, origin: "IAMPolicyGenerator")]
    }
}
