jobs = {
  summaries  = "/v1/chat/completions"
  embeddings = "/v1/embedding"
}
