import Foundation

/// SplitMix64: a tiny seeded generator, so every fuzzed input can be rebuilt from a seed printed in a failure.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How many inputs each fuzz target tries and from which seed: a short run in `make test`, a long one in `make fuzz`.
public struct FuzzPlan {
    public let inputs: Int
    public let seed: UInt64

    /// `KEEPWARM_FUZZ_INPUTS` (default 20,000) and `KEEPWARM_FUZZ_SEED` (default fixed, so `make test` is repeatable).
    public static func fromEnvironment(defaultInputs: Int = 20_000) -> FuzzPlan {
        let env = ProcessInfo.processInfo.environment
        return FuzzPlan(inputs: env["KEEPWARM_FUZZ_INPUTS"].flatMap { Int($0) } ?? defaultInputs,
                        seed: env["KEEPWARM_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x4B57_F022)
    }

    /// Input `i` gets its own generator, so one failing input is rebuilt without replaying the ones before it.
    public func rng(_ i: Int) -> SplitMix64 {
        var mix = SplitMix64(seed: seed ^ UInt64(i) &* 0xD1B5_4A32_D192_ED03)
        return SplitMix64(seed: mix.next())
    }

    /// What a failure says so it can be reproduced exactly.
    public func replay(_ i: Int) -> String {
        "reproduce with KEEPWARM_FUZZ_SEED=\(seed) KEEPWARM_FUZZ_INPUTS=\(i + 1) (input #\(i))"
    }
}
