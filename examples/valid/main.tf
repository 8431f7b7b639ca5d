terraform {
  required_providers {
    openai = {
      source  = "stainless-sdks/openai"
      version = "~> 0.0.1"
    }
  }
}

resource "openai_batch" "nightly_summaries" {
  completion_window = "24h"
  endpoint          = "/v1/chat/completions"
  input_file_id     = "file-abc123"

  metadata = {
    team    = "ml-platform"
    retries = 3 # Terraform converts the number to "3"
  }

  output_expires_after = {
    anchor  = "created_at"
    seconds = "7200" # and this string to the number 7200
  }
}

resource "openai_file" "requests" {
  file    = file("${path.module}/requests.jsonl") # checked before it is ever uploaded
  purpose = "batch"
}

resource "openai_batch" "from_upload" {
  completion_window = "24h"
  endpoint          = "/v1/embeddings"
  input_file_id     = openai_file.requests.id # known only after apply: never an error
}

data "openai_batch" "last_run" {
  batch_id = "batch_abc123"
}
