import YAML

/// A map value kustomize's labels/annotations setter created at several places
/// of one object as ONE node (TRANSFORMERS.md §5, node sharing): overwriting it
/// at any of those places later changes it at all of them.
public struct SharedValue: Sendable, Hashable {
    /// Where the value lives: each location ends with the map key.
    public var locations: [[PathStep]]
    /// The value the shared node holds; a place that no longer holds it was
    /// replaced by something else and is no longer shared.
    public var value: String

    public init(locations: [[PathStep]], value: String) {
        self.locations = locations
        self.value = value
    }
}
