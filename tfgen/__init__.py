"""tfgen: check Terraform configurations of OpenAI batch jobs before Terraform runs."""

__version__ = "0.1.0"
