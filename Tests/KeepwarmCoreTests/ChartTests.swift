import Testing
@testable import KeepwarmCore

/// The chart model's scale: a stacked bar is as long as its parts together, a curve is on 0–1, and an empty practice
/// still has a scale to draw against.
@Suite struct ChartTests {
    func chart(_ kind: Chart.Kind, _ rows: [[Double]]) -> Chart {
        Chart(key: "k", title: "t", period: "p", kind: kind, series: ["a", "b"],
              rows: rows.enumerated().map { Chart.Row(label: "\($0.offset)", values: $0.element, caption: "") }, formula: "f")
    }

    @Test func theScaleIsTheLongestBar() {
        #expect(chart(.stacked, [[3, 4], [5, 1]]).scaleMax == 7)
        #expect(chart(.grouped, [[3, 4], [5, 1]]).scaleMax == 5)
        #expect(chart(.curve, [[0.3, 0.2]]).scaleMax == 1)
        #expect(chart(.grouped, []).scaleMax == 1)
        #expect(chart(.stacked, [[0, 0]]).scaleMax == 1)
    }
}
