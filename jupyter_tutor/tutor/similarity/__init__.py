"""Is a follow-up about the same problem? Embeddings and cosine similarity (pure)."""
