import Testing
@testable import Kustomize
import YAML
