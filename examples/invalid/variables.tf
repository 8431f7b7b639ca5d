variable "jobs" {
  type = map(string)
}

resource "openai_batch" "jobs" {
  for_each          = var.jobs
  completion_window = "24h"
  endpoint          = each.value
  input_file_id     = "file-${each.key}"
}
