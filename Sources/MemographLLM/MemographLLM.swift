import Memograph

/// Clients for OpenAI-compatible endpoints (chat completions, embeddings); kept out of the
/// core library so that an app embedding Memograph does not pull in networking.
public enum MemographLLM {}
