/// How a GraphML export writes what the selection holds.
public struct GraphMLOptions: Hashable, Sendable {
    /// Literal-valued facts (`api —listensOnPort→ "9090"`) as nodes of kind `literal` joined by
    /// edges that keep every time field, instead of node attributes (`listensOnPort = 9090`).
    public var literalNodes: Bool
    /// Also write the episodes the exported edges cite, as nodes of a second `<graph>` after the
    /// main one, so that provenance survives an import. networkx and most viewers read only the
    /// first graph.
    public var episodes: Bool
    /// Node colours by type for Gephi (`r`, `g`, `b`, `color` attributes) and yEd
    /// (`y:ShapeNode`); the yEd extension is outside the plain GraphML schema.
    public var styled: Bool

    public init(literalNodes: Bool = false, episodes: Bool = false, styled: Bool = false) {
        self.literalNodes = literalNodes
        self.episodes = episodes
        self.styled = styled
    }

    /// Everything an import needs to rebuild the selection exactly: literal nodes and episodes.
    public static let lossless = GraphMLOptions(literalNodes: true, episodes: true)
}
