import Testing
@testable import Secrets

@Suite("GoText")
struct GoTextTests {
    @Test(arguments: [
        (1.10, "1.1"), (3.0, "3"), (0.5, "0.5"), (1e6, "1e+06"), (123456.0, "123456"),
        (1234567.0, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5, "-2.5"),
        (16777217.0, "1.6777216e+07"), (3.14159265358979, "3.1415927"), (1e20, "1e+20"),
    ])
    func float32Formatting(value: Double, text: String) {
        #expect(GoText.float32(value) == text)
    }

    @Test func float32Specials() {
        #expect(GoText.float32(.infinity) == "+Inf")
        #expect(GoText.float32(-.infinity) == "-Inf")
        #expect(GoText.float32(.nan) == "NaN")
        #expect(GoText.float32(0) == "0")
    }

    @Test func rfc3339ToUTC() {
        #expect(GoText.rfc3339UTC("2024-05-01T10:20:30Z") == "2024-05-01T10:20:30Z")
        #expect(GoText.rfc3339UTC("2024-05-01T10:20:30.123456Z") == "2024-05-01T10:20:30Z")
        #expect(GoText.rfc3339UTC("2024-01-01T01:00:00+02:00") == "2023-12-31T23:00:00Z")
        #expect(GoText.rfc3339UTC("2024-02-28T23:30:00-01:00") == "2024-02-29T00:30:00Z")
        #expect(GoText.rfc3339UTC("2024-05-01") == nil)
        #expect(GoText.rfc3339UTC("2024-13-01T00:00:00Z") == nil)
    }
}
