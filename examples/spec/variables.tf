# What batches.tf.json refers to: the rest of its module declares it.
variable "input_file_id" {
  type = string
}
