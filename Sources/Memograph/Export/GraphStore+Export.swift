import Foundation

extension GraphStore {
    /// Writes this namespace's selection as GraphML to `output`, streaming rows from one read
    /// transaction (a consistent snapshot, in constant memory).
    ///
    /// - Parameter progress: called with the number of edges written so far, every 10,000 edges.
    @discardableResult
    public func exportGraphML(
        to output: FileHandle, selection: ExportSelection = .current,
        options: GraphMLOptions = GraphMLOptions(),
        progress: ((Int) -> Void)? = nil
    ) throws -> ExportSummary {
        let now = self.now
        return try read { db in
            let plan = try ExportPlan(
                db: db, namespace: namespace, selection: selection, now: now, rules: ontologyRules)
            let xml = try XMLStreamWriter(fileDescriptor: output.fileDescriptor, indent: true)
            return try GraphMLWriter(db: db, plan: plan, options: options, xml: xml, progress: progress)
                .write()
        }
    }

    /// Writes this namespace's selection as a Graphviz DOT digraph: `Type:name` boxes, literal
    /// values as plain text, edges labelled with their relation (closed ones dashed).
    @discardableResult
    public func exportDOT(to output: FileHandle, selection: ExportSelection = .current) throws
        -> ExportSummary
    {
        let now = self.now
        return try read { db in
            let plan = try ExportPlan(
                db: db, namespace: namespace, selection: selection, now: now, rules: ontologyRules)
            return try DOTWriter(db: db, plan: plan, sink: ByteSink(output)).write()
        }
    }

    /// Writes the whole store file — every namespace, entity, alias, episode, edge version and
    /// provenance link — as JSONL, for backups and moves between machines.
    @discardableResult
    public func exportJSONL(to output: FileHandle, progress: ((Int) -> Void)? = nil) throws -> ExportSummary {
        let now = self.now
        return try read { db in
            try JSONLWriter(db: db, sink: ByteSink(output), now: now, progress: progress).write()
        }
    }

    /// Imports a GraphML file into this namespace in one transaction: all of it or, when the
    /// file is wrong anywhere, nothing (the error names the line).
    ///
    /// Entity ids are new; names, types, aliases, summaries, attributes, edge time fields, ends,
    /// successor links and (when the file carries episodes) provenance are kept as written.
    @discardableResult
    public func importGraphML(from path: String, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        let now = self.now
        return try importRows(keepingIDs: false) { rows in
            try GraphMLImporter(path: path, namespace: namespace, now: now, rows: rows, progress: progress)
                .run()
        }
    }

    /// Restores a JSONL backup in one transaction, each row into the namespace it came from;
    /// into an empty store the ids are kept too. A wrong line changes nothing.
    @discardableResult
    public func importJSONL(from path: String, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importRows(keepingIDs: true) { rows in
            try JSONLImporter(path: path, rows: rows, progress: progress).run()
        }
    }
}
