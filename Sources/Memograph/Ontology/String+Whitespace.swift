extension String {
    /// The string without leading and trailing whitespace and newlines; returns `self`
    /// without copying in the common case where there is none.
    func trimmingWhitespace() -> String {
        guard let first = first, let last = last, first.isWhitespace || last.isWhitespace else { return self }
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
