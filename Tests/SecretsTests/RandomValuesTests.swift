import Testing
@testable import Secrets

@Suite("RandomValues")
struct RandomValuesTests {
    @Test func lengthAndAlphabet() {
        let v = RandomValues.generate()
        #expect(v.count == 32)
        #expect(v.allSatisfy { RandomValues.alphabet.contains($0) })
        #expect(RandomValues.generate(length: 24).count == 24)
    }

    @Test func valuesDiffer() {
        let values = Set((0..<200).map { _ in RandomValues.generate(length: 24) })
        #expect(values.count == 200)
    }

    @Test func everySymbolIsUsed() {
        // 62 symbols over 20,000 draws: each appears (chance of a miss is far below 1e-100).
        let text = (0..<625).map { _ in RandomValues.generate() }.joined()
        #expect(Set(text).count == 62)
    }

    @Test func lengthBelowTheFloorIsAUsageError() {
        #expect(throws: SealError.usage("--length must be a number from 24 to 4096")) {
            try SealOptions.parse(["--cert", "c", "--new", "n", "-n", "x", "--keys", "a", "--length", "16"])
        }
    }
}
