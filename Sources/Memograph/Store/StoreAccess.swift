/// How a process connects to a store file.
public enum StoreAccess: Sendable {
    /// A pool: one writer and several concurrent readers. For servers and long-lived apps.
    case concurrent
    /// One connection that opens and closes without writing anything it was not asked to:
    /// a command that fails leaves the file byte for byte as it was. For one-shot tools.
    case single
}
