import Memograph
import Testing

@Test func versionIsSemantic() {
    #expect(MemographVersion.string.split(separator: ".").count == 3)
}
