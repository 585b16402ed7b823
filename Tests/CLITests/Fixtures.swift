import Foundation

/// Locates files under the repository's `fixtures/` folder.
enum Fixtures {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.appendingPathComponent("fixtures")
            }
        }
        return URL(fileURLWithPath: "fixtures")
    }()

    static func json(_ name: String) throws -> Any {
        let data = try Data(contentsOf: root.appendingPathComponent("reference").appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data)
    }
}
