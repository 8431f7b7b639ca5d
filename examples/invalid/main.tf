resource "openai_batch" "nightly" {
  completion_window = "24"
  endpoint          = "/v1/Chat/Completions"
  input_file_id     = "abc123"
  status            = "completed"

  output_expires_after {
    anchor  = "created_at"
    seconds = 600
  }
}

resource "openai_batch" "typo" {
  completion_window = "24h"
  endpont           = "/v1/embeddings"
  input_file_id     = "file-xyz"
  output_expires_after = {
    anchor  = "created_at"
    seconds = 60
  }
}
