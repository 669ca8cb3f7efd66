/// Finds cycles in a subclass or subproperty hierarchy, one per back edge, each reported at
/// the statement that closes it (the last one in file order).
struct HierarchyCycleFinder {
    /// A parent link: `child` ⊑ `parent`, written at `location`.
    struct Link: Hashable {
        let child: String
        let parent: String
        let location: OntologySourceLocation
    }

    /// A cycle: the names along it (first repeated at the end) and where its closing link is.
    struct Cycle: Hashable {
        let path: [String]
        let location: OntologySourceLocation
    }

    private enum Mark { case visiting, done }

    /// The cycles among `links`, visiting nodes in sorted order so the result is stable.
    static func cycles(in links: [Link]) -> [Cycle] {
        let parents = Dictionary(grouping: links, by: \.child)
        var marks: [String: Mark] = [:]
        var stack: [Link] = []
        var found: [Cycle] = []

        func visit(_ node: String) {
            marks[node] = .visiting
            for link in (parents[node] ?? []).sorted(by: { $0.parent < $1.parent }) {
                switch marks[link.parent] {
                case .visiting:
                    let start = stack.firstIndex { $0.child == link.parent } ?? stack.count
                    found.append(cycle(along: Array(stack[start...]) + [link]))
                case .done:
                    continue
                case nil:
                    stack.append(link)
                    visit(link.parent)
                    stack.removeLast()
                }
            }
            marks[node] = .done
        }

        for node in Set(links.map(\.child)).sorted() where marks[node] == nil {
            visit(node)
        }
        return found
    }

    /// Rotates the cycle so that it starts at the child of its last-written link.
    private static func cycle(along links: [Link]) -> Cycle {
        let closing = links.indices.max { links[$0].location < links[$1].location } ?? 0
        let rotated = Array(links[closing...] + links[..<closing])
        let names =
            rotated.map { OntologyName.localName(of: $0.child) } + [
                OntologyName.localName(of: rotated[0].child)
            ]
        return Cycle(path: names, location: links[closing].location)
    }
}
