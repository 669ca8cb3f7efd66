/// The ontologies that ship with Memograph, as this module's resources: `memograph.owl` (the
/// default agent-memory vocabulary) and `home-devices.owl` (an example that extends it).
public enum BundledOntologies {
    /// The default ontology's file name.
    public static let defaultFileName = "memograph.owl"
    /// The resource bundle SwiftPM builds for this module, next to the executable.
    public static let resourceBundleName = "Memograph_MemographOntologies.resources"
}
