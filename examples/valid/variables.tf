variable "jobs" {
  description = "Batch jobs to run: name -> endpoint"
  type        = map(string)
}

locals {
  common_metadata = { team = "ml-platform", env = terraform.workspace }
}

resource "openai_batch" "jobs" {
  for_each          = var.jobs
  completion_window = "24h"
  endpoint          = each.value
  input_file_id     = "file-${each.key}"
  metadata          = merge(local.common_metadata, { job = each.key })
}
