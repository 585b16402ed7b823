// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kustos",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kustos", targets: ["kustos"]),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CGlibc"),
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "Kustomize", dependencies: ["YAML", "CGlibc"]),
        .target(name: "Secrets", dependencies: ["YAML", "CCrypto", "Kustomize"]),
        .target(name: "Scan", dependencies: ["YAML", "Kustomize"]),
        .target(name: "Render", dependencies: ["YAML", "Kustomize"]),
        .target(name: "CLI", dependencies: ["YAML", "Kustomize", "Secrets", "Scan", "Render"]),
        .executableTarget(name: "kustos", dependencies: ["CLI"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "KustomizeTests", dependencies: ["Kustomize", "YAML"]),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets", "YAML", "CCrypto"]),
        .testTarget(name: "ScanTests", dependencies: ["Scan", "YAML", "Kustomize"]),
        .testTarget(name: "CLITests", dependencies: ["CLI"]),
    ]
)
