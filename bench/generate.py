"""The benchmark corpus: deterministic (seeded), generated locally, no network.

    python bench/generate.py OUT [--quick | --tiny] [--seed N]

Writes into OUT:
- `small/`: one small module (two openai_batch resources, a data source, a variable in
  `main.tf`, and a `terraform.tfvars`);
- `blocks-N/main.tf`: one file with N openai_batch blocks (about 700 bytes each, varied but
  valid), for each N in the size's `blocks` (the largest is the headline file, the others show
  how the cost grows);
- `tree/`: a module tree (`dirs` directories x `files_per_dir` files) where about 1% of the
  files hold openai_batch blocks and the rest the AWS and Google resources, variables, locals,
  outputs and modules of a real repository, 1 to 10 KB each;
- `input.jsonl`: a chat completions batch input file of `jsonl_bytes` bytes and
  `jsonl_requests` requests (bodies padded to reach the size);
- `spec/batches.yaml`: a `tfgen render` spec with `spec_batches` batches (a few read their
  requests from `spec/data/chat.jsonl`).

The same seed and sizes always give the same bytes. Each part draws from its own random
generator, so the parts do not depend on each other's sizes.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

GENERATOR_VERSION = 3
SEED = 20240611
MIB = 1024 * 1024

# The endpoints the API accepts, read from the schema that holds the rule (never restated).
_RESOURCE_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "resource.schema.json"
ENDPOINTS = tuple(json.loads(_RESOURCE_SCHEMA.read_text())["properties"]["endpoint"]["enum"])
TEAMS = ("search", "support", "growth", "ml-platform", "risk", "billing", "data-eng", "ads")
JOBS = ("summaries", "classify", "embed", "translate", "moderate", "extract", "rerank", "tag")
_PROSE = (
    "the nightly batch summarises yesterday's tickets for the on-call rotation and the weekly "
    "report, classifies refunds, extracts invoice fields, tags churn risk, embeds product "
    "descriptions, moderates forum posts, translates help-centre articles, reranks results"
)
WORDS = tuple(_PROSE.split())
GROUPS = ("platform", "data", "ml", "payments", "identity", "search", "growth", "infra", "ops")
SERVICES = ("api", "worker", "ingest", "export", "cache", "gateway", "scheduler", "audit", "web")


@dataclass(frozen=True)
class Sizes:
    blocks: tuple[int, ...] = (100, 250, 500, 1000, 5000)
    one_block_files: int = 1000  # in directories of 10: one module each
    tfjson_blocks: int = 1000
    tree_dirs: int = 100
    files_per_dir: int = 10
    batch_file_share: float = 0.01
    jsonl_bytes: int = 200 * MIB - 64 * 1024  # just under tfgen's 200 MB limit
    jsonl_requests: int = 50_000
    spec_batches: int = 1000


FULL = Sizes()
QUICK = Sizes(
    blocks=(50, 100, 200),
    one_block_files=200,
    tfjson_blocks=200,
    tree_dirs=20,
    jsonl_bytes=20 * MIB,
    jsonl_requests=5000,
    spec_batches=200,
)
TINY = Sizes(
    blocks=(3, 6),
    one_block_files=20,
    tfjson_blocks=5,
    tree_dirs=4,
    files_per_dir=10,  # every kind of file, so the test sees every generator
    batch_file_share=0.05,
    jsonl_bytes=64 * 1024,
    jsonl_requests=40,
    spec_batches=8,
)


@dataclass
class Corpus:
    """Where each part is, relative to the corpus root, and what it holds."""

    root: Path
    seed: int
    sizes: Sizes
    small: str = "small"
    small_file: str = "small/main.tf"
    blocks: dict[int, str] = field(default_factory=dict)  # block count -> file
    files: str = "files"  # one openai_batch block per file
    tfjson: str = "tfjson/main.tf.json"
    tree: str = "tree"
    tree_files: int = 0
    tree_batch_files: int = 0
    tree_bytes: int = 0
    jsonl: str = "input.jsonl"
    jsonl_bytes: int = 0
    jsonl_invalid: str = "input-invalid.jsonl"  # the same, one body in 100 with a mistake
    spec: str = "spec/batches.yaml"
    spec_jsonl: str = "spec/data/chat.jsonl"  # also a small JSONL for warm-up runs

    def path(self, relative: str) -> Path:
        return self.root / relative

    def manifest(self) -> dict[str, object]:
        """What was generated, without the root: the same corpus anywhere has the same bytes."""
        data = asdict(self)
        del data["root"]
        data["version"] = GENERATOR_VERSION
        return data


def rng_for(seed: int, part: str) -> random.Random:
    return random.Random(f"{seed}:{part}")


def generate(root: Path, sizes: Sizes = FULL, seed: int = SEED) -> Corpus:
    """Write the whole corpus under root (created if needed) and describe it."""
    root.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(root, seed, sizes)
    write_small(root / corpus.small)
    for count in sizes.blocks:
        corpus.blocks[count] = f"blocks-{count}/main.tf"
        write_text(root / corpus.blocks[count], blocks_file(count, rng_for(seed, f"blocks{count}")))
    write_one_block_files(root / corpus.files, sizes.one_block_files, rng_for(seed, "files"))
    write_text(root / corpus.tfjson, tfjson_file(sizes.tfjson_blocks, rng_for(seed, "tfjson")))
    corpus.tree_files, corpus.tree_batch_files, corpus.tree_bytes = write_tree(
        root / corpus.tree, sizes, rng_for(seed, "tree")
    )
    corpus.jsonl_bytes = write_jsonl(
        root / corpus.jsonl, sizes.jsonl_bytes, sizes.jsonl_requests, rng_for(seed, "jsonl")
    )
    write_jsonl(
        root / corpus.jsonl_invalid,
        sizes.jsonl_bytes,
        sizes.jsonl_requests,
        rng_for(seed, "jsonl"),
        invalid_every=INVALID_EVERY,
    )
    write_spec(root / corpus.spec, sizes.spec_batches, rng_for(seed, "spec"))
    write_text(root / "corpus.json", json.dumps(corpus.manifest(), indent=2) + "\n")
    return corpus


def reuse_or_generate(root: Path, sizes: Sizes = FULL, seed: int = SEED) -> tuple[Corpus, bool]:
    """The corpus already in root when it was made by this generator from the same seed and
    sizes (True), else a freshly generated one (False)."""
    expected = json.loads(json.dumps(Corpus(root, seed, sizes).manifest()))  # as stored
    try:
        found = json.loads((root / "corpus.json").read_text())
    except (OSError, ValueError):
        found = None
    if isinstance(found, dict) and all(found.get(k) == expected[k] for k in REUSE_KEYS):
        corpus = Corpus(root, seed, sizes, blocks={n: f"blocks-{n}/main.tf" for n in sizes.blocks})
        for key in ("tree_files", "tree_batch_files", "tree_bytes", "jsonl_bytes"):
            setattr(corpus, key, found[key])
        return corpus, True
    return generate(root, sizes, seed), False


REUSE_KEYS = ("version", "seed", "sizes")


def write_text(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode()
    path.write_bytes(data)
    return len(data)


def file_id(rng: random.Random) -> str:
    return "file-" + "".join(rng.choices(string.ascii_letters + string.digits, k=24))


def sentence(rng: random.Random, length: int) -> str:
    """Words up to about `length` characters: plain ASCII, safe in HCL and YAML."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:length].strip()


# -- (a) the small module -------------------------------------------------------------------------

SMALL_MAIN = """\
terraform {
  required_providers {
    openai = {
      source  = "stainless-sdks/openai"
      version = "~> 0.0.1"
    }
  }
}

variable "input_file_id" {
  description = "The uploaded requests of the nightly job"
  type        = string
}

resource "openai_batch" "nightly_summaries" {
  completion_window = "24h"
  endpoint          = "/v1/chat/completions"
  input_file_id     = var.input_file_id

  metadata = {
    team    = "support"
    job     = "nightly-summaries"
    retries = 3
  }

  output_expires_after = {
    anchor  = "created_at"
    seconds = 604800
  }
}

resource "openai_batch" "embeddings_refresh" {
  completion_window = "24h"
  endpoint          = "/v1/embeddings"
  input_file_id     = "file-8Qm2VvJf0cT1kXw9RzL4aB7e"
  metadata          = { team = "search" }
}

data "openai_batch" "last_run" {
  batch_id = "batch_67c2a1f0e4b08190"
}
"""
SMALL_TFVARS = 'input_file_id = "file-3uZ0pQ6nY8sD2hF5gK1jL9mB"\n'


def write_small(directory: Path) -> None:
    write_text(directory / "main.tf", SMALL_MAIN)
    write_text(directory / "terraform.tfvars", SMALL_TFVARS)


# -- (b) one file with many openai_batch blocks ---------------------------------------------------

BLOCKS_HEADER = """\
variable "environment" {
  type    = string
  default = "prod"
}

variable "shared_input_file_id" {
  description = "Requests uploaded by the pipeline for the jobs that share one file"
  type        = string
  default     = "file-Shared0000000000000000"
}

locals {
  default_expiry = 604800
  owner          = "ml-platform@example.com"
}
"""


def blocks_file(count: int, rng: random.Random) -> str:
    return BLOCKS_HEADER + "".join("\n" + batch_block(i, rng) for i in range(count))


def batch_block(index: int, rng: random.Random) -> str:
    team, job = rng.choice(TEAMS), rng.choice(JOBS)
    name = f"{team.replace('-', '_')}_{job}_{index:04d}"
    lines = [
        f"# {job} for {team}: {sentence(rng, rng.randint(30, 100))}",
        f'resource "openai_batch" "{name}" {{',
        '  completion_window = "24h"',
        f'  endpoint          = "{rng.choice(ENDPOINTS)}"',
        f"  input_file_id     = {input_file_expr(rng)}",
        "",
        *metadata_lines(team, job, index, rng),
        "",
        *expiry_lines(rng),
    ]
    if rng.random() < 0.05:
        lines += ["", "  lifecycle {", "    ignore_changes = [metadata]", "  }"]
    return "\n".join(lines) + "\n}\n"


def input_file_expr(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "var.shared_input_file_id"
    return f'"{file_id(rng)}"'


def metadata_lines(team: str, job: str, index: int, rng: random.Random) -> list[str]:
    pairs = {
        "team": f'"{team}"',
        "job": f'"{job}-{index:04d}"',
        "description": f'"{sentence(rng, rng.randint(60, 260))}"',
        "owner": "local.owner" if rng.random() < 0.3 else f'"oncall-{team}@example.com"',
        "cost_center": f'"cc-{rng.randint(1000, 9999)}"',
        "environment": "var.environment" if rng.random() < 0.5 else '"prod"',
        "retries": str(rng.randint(0, 5)),
        "schedule": f'"{cron(rng)}"',
    }
    keep = rng.randint(4, len(pairs))
    width = max(len(k) for k in list(pairs)[:keep])
    body = [f"    {key.ljust(width)} = {value}" for key, value in list(pairs.items())[:keep]]
    return ["  metadata = {", *body, "  }"]


def expiry_lines(rng: random.Random) -> list[str]:
    choice = rng.random()
    if choice < 0.2:
        seconds = "local.default_expiry"
    elif choice < 0.3:
        seconds = f'"{rng.randint(1, 30) * 86400}"'  # a string Terraform converts
    else:
        seconds = str(rng.randint(1, 720) * 3600)
    return [
        "  output_expires_after = {",
        '    anchor  = "created_at"',
        f"    seconds = {seconds}",
        "  }",
    ]


# -- (b2) many files of one block each, and Terraform JSON ---------------------------------------


def write_one_block_files(root: Path, count: int, rng: random.Random) -> None:
    """count files in directories of 10 (each a module), every file with one block."""
    for index in range(count):
        directory = root / f"module-{index // 10:03d}"
        if index % 10 == 0:
            write_text(directory / "variables.tf", BLOCKS_HEADER)
        write_text(directory / f"batch-{index % 10}.tf", batch_block(index, rng))


def tfjson_file(count: int, rng: random.Random) -> str:
    """The blocks of blocks_file, written as Terraform JSON."""
    resources = {}
    for index in range(count):
        team, job = rng.choice(TEAMS), rng.choice(JOBS)
        shared = rng.random() < 0.15
        resources[f"{team.replace('-', '_')}_{job}_{index:04d}"] = {
            "completion_window": "24h",
            "endpoint": rng.choice(ENDPOINTS),
            "input_file_id": "${var.shared_input_file_id}" if shared else file_id(rng),
            "metadata": {
                "team": team,
                "job": f"{job}-{index:04d}",
                "description": sentence(rng, rng.randint(60, 260)),
                "environment": "${var.environment}" if rng.random() < 0.5 else "prod",
                "cost_center": f"cc-{rng.randint(1000, 9999)}",
            },
        }
    document = {
        "variable": {
            "environment": {"type": "string", "default": "prod"},
            "shared_input_file_id": {"type": "string", "default": "file-Shared0000000000000000"},
        },
        "resource": {"openai_batch": resources},
    }
    return json.dumps(document, indent=2) + "\n"


# -- (c) the module tree --------------------------------------------------------------------------

Writer = Callable[[int, random.Random], str]


def write_tree(root: Path, sizes: Sizes, rng: random.Random) -> tuple[int, int, int]:
    """Returns (files, files with openai_batch blocks, bytes)."""
    total = sizes.tree_dirs * sizes.files_per_dir
    batch_count = max(1, round(total * sizes.batch_file_share))
    with_batches = set(rng.sample(range(sizes.tree_dirs), min(batch_count, sizes.tree_dirs)))
    files = written = 0
    for index in range(sizes.tree_dirs):
        directory = root / tree_dir_name(index)
        kinds = list(FILE_KINDS)[: sizes.files_per_dir]
        if index in with_batches:
            kinds[-1] = "batch"
        for kind in kinds:
            text = tree_file(kind, rng) if kind != "batch" else tree_batch_file(index, rng)
            written += write_text(directory / f"{kind}.tf", text)
            files += 1
    # The local module every directory's `module "..._service_N"` calls.
    written += write_text(root / "modules" / "service" / "variables.tf", SERVICE_MODULE)
    return files + 1, len(with_batches), written


SERVICE_MODULE = """\
variable "name" {
  type = string
}

variable "replicas" {
  type    = number
  default = 1
}

variable "environment" {
  type = string
}
"""


def tree_dir_name(index: int) -> str:
    group = GROUPS[(index // 10) % len(GROUPS)]
    service = SERVICES[index % len(SERVICES)]
    return f"{index // 10:02d}-{group}/{index % 10}-{service}"


def file_size_target(rng: random.Random) -> int:
    """1 to 10 KB, most files 2 to 4 KB, as in real repositories."""
    return int(1024 * min(10.0, max(1.0, rng.lognormvariate(1.0, 0.55))))


def tree_file(kind: str, rng: random.Random) -> str:
    head, writer = FILE_KINDS[kind]
    target = file_size_target(rng)
    parts = [head] if head else []
    index = 0
    while sum(len(p) for p in parts) < target:
        parts.append(writer(index, rng))
        index += 1
    return "\n".join(parts)


def variable_block(index: int, rng: random.Random) -> str:
    if index < len(CORE_VARIABLES):
        return CORE_VARIABLES[index]
    kind = rng.choice(("string", "number", "bool", "list", "map"))
    defaults = {
        "string": ("string", f'"{rng.choice(WORDS)}-{index}"'),
        "number": ("number", str(rng.randint(1, 500))),
        "bool": ("bool", rng.choice(("true", "false"))),
        "list": ("list(string)", f'["{rng.choice(WORDS)}", "{rng.choice(WORDS)}"]'),
        "map": ("map(string)", f'{{ owner = "{rng.choice(TEAMS)}" }}'),
    }
    type_, default = defaults[kind]
    return (
        f'variable "{kind}_setting_{index}" {{\n'
        f'  description = "{sentence(rng, rng.randint(20, 80))}"\n'
        f"  type        = {type_}\n"
        f"  default     = {default}\n"
        "}\n"
    )


CORE_VARIABLES = (
    'variable "project" {\n  description = "Project name, used in resource names"\n'
    "  type        = string\n}\n",
    'variable "environment" {\n  type    = string\n  default = "staging"\n\n'
    "  validation {\n"
    '    condition     = contains(["dev", "staging", "prod"], var.environment)\n'
    '    error_message = "environment must be dev, staging or prod."\n  }\n}\n',
    'variable "region" {\n  type    = string\n  default = "eu-west-1"\n}\n',
    'variable "tags" {\n  type    = map(string)\n  default = {}\n}\n',
    'variable "subnet_cidrs" {\n  type    = list(string)\n'
    '  default = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]\n}\n',
    'variable "buckets" {\n  type = map(object({\n    versioning = bool\n'
    "    expire_days = number\n  }))\n"
    "  default = {\n    logs    = { versioning = false, expire_days = 30 }\n"
    "    exports = { versioning = true, expire_days = 365 }\n  }\n}\n",
    'variable "kms_key_arn" {\n  description = "The key that encrypts every bucket"\n'
    "  type        = string\n}\n",
    'variable "ingress_ports" {\n  type    = list(number)\n  default = [443, 8443]\n}\n',
)


def locals_block(index: int, rng: random.Random) -> str:
    if index == 0:
        return (
            "locals {\n"
            '  name_prefix = "${var.project}-${var.environment}"\n'
            '  is_prod     = var.environment == "prod"\n'
            "  common_tags = merge(var.tags, {\n    project    = var.project\n"
            '    managed_by = "terraform"\n  })\n'
            "  subnets = [for i, cidr in var.subnet_cidrs : {\n"
            '    name = "${var.project}-subnet-${i}"\n    cidr = cidr\n  }]\n'
            "  bucket_names = { for key, cfg in var.buckets : key => "
            '"${var.project}-${var.environment}-${key}" }\n'
            "}\n"
        )
    return (
        "locals {\n"
        f'  {rng.choice(JOBS)}_schedule_{index} = "{cron(rng)}"\n'
        f'  {rng.choice(SERVICES)}_replicas_{index} = var.environment == "prod" ? '
        f"{rng.randint(3, 12)} : 1\n"
        f"  {rng.choice(TEAMS).replace('-', '_')}_labels_{index} = {{\n"
        f'    team = "{rng.choice(TEAMS)}"\n    tier = "{rng.choice(("gold", "silver"))}"\n'
        "  }\n"
        f"  upper_names_{index} = [for name in {json.dumps(rng.sample(WORDS, 4))} : upper(name)]\n"
        "}\n"
    )


def cron(rng: random.Random) -> str:
    return f"{rng.randint(0, 59)} {rng.randint(0, 23)} * * *"


def output_block(index: int, rng: random.Random) -> str:
    # What an output refers to is declared beside it: Terraform (and tfgen) reject the rest.
    value = rng.choice(
        (
            f"var.outputs_{index}.arn",
            f"{{ for key, bucket in var.outputs_{index} : key => bucket.id }}",
            f"var.outputs_{index}[*].private_ip",
            f"var.outputs_{index}.url",
            f"var.outputs_{index}.private_subnets",
        )
    )
    return (
        f'variable "outputs_{index}" {{\n  description = "Known only at plan."\n}}\n\n'
        f'output "{rng.choice(SERVICES)}_{index}" {{\n'
        f'  description = "{sentence(rng, rng.randint(15, 60))}"\n'
        f"  value       = {value}\n"
        f"  sensitive   = {rng.choice(('true', 'false'))}\n"
        "}\n"
    )


def s3_block(index: int, rng: random.Random) -> str:
    days = rng.choice((30, 90, 365))
    return f"""\
resource "aws_s3_bucket" "data_{index}" {{
  bucket = "${{local.name_prefix}}-{rng.choice(WORDS)}-{index}"
  tags   = merge(local.common_tags, {{ purpose = "{sentence(rng, 30)}" }})
}}

resource "aws_s3_bucket_versioning" "data_{index}" {{
  bucket = aws_s3_bucket.data_{index}.id
  versioning_configuration {{
    status = "{rng.choice(("Enabled", "Suspended"))}"
  }}
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "data_{index}" {{
  bucket = aws_s3_bucket.data_{index}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }}
  }}
}}

resource "aws_s3_bucket_lifecycle_configuration" "data_{index}" {{
  bucket = aws_s3_bucket.data_{index}.id
  rule {{
    id     = "expire-{days}d"
    status = "Enabled"
    filter {{
      prefix = "tmp/"
    }}
    expiration {{
      days = {days}
    }}
  }}
}}
"""


IAM_ACTIONS = (
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "kms:Decrypt",
    "sqs:SendMessage",
    "logs:PutLogEvents",
)


def iam_block(index: int, rng: random.Random) -> str:
    actions = json.dumps(rng.sample(IAM_ACTIONS, 3))
    if index % 2:
        return f"""\
data "aws_iam_policy_document" "assume_{index}" {{
  statement {{
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {{
      type        = "Service"
      identifiers = ["{rng.choice(("ec2", "lambda", "ecs-tasks"))}.amazonaws.com"]
    }}
  }}
}}

resource "aws_iam_role" "service_{index}" {{
  name               = "${{local.name_prefix}}-service-{index}"
  assume_role_policy = data.aws_iam_policy_document.assume_{index}.json
  tags               = local.common_tags
}}
"""
    return f"""\
resource "aws_iam_policy" "access_{index}" {{
  name        = "${{local.name_prefix}}-access-{index}"
  description = "{sentence(rng, rng.randint(20, 70))}"
  policy      = <<EOF
{{
  "Version": "2012-10-17",
  "Statement": [
    {{
      "Sid": "Access{index}",
      "Effect": "Allow",
      "Action": {actions},
      "Resource": [
        "arn:aws:s3:::${{var.project}}-{rng.choice(WORDS)}",
        "arn:aws:s3:::${{var.project}}-{rng.choice(WORDS)}/*"
      ]
    }}
  ]
}}
EOF
}}
"""


def gcs_block(index: int, rng: random.Random) -> str:
    return f"""\
resource "google_storage_bucket" "archive_{index}" {{
  name          = "${{var.project}}-archive-{index}"
  location      = "{rng.choice(("EU", "US", "europe-west1"))}"
  storage_class = "{rng.choice(("STANDARD", "NEARLINE", "COLDLINE"))}"
  force_destroy = false
  labels        = {{ team = "{rng.choice(TEAMS)}", env = var.environment }}

  uniform_bucket_level_access = true

  lifecycle_rule {{
    condition {{
      age = {rng.choice((7, 30, 90))}
    }}
    action {{
      type = "Delete"
    }}
  }}
}}

resource "google_project_iam_member" "reader_{index}" {{
  project = var.project
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:${{google_service_account.reader_{index}.email}}"
}}

resource "google_service_account" "reader_{index}" {{
  account_id = "{rng.choice(SERVICES)}-reader-{index}"
}}

resource "google_pubsub_topic" "events_{index}" {{
  name                       = "${{local.name_prefix}}-events-{index}"
  message_retention_duration = "{rng.randint(1, 7) * 86400}s"
}}
"""


def compute_block(index: int, rng: random.Random) -> str:
    return f"""\
resource "google_compute_instance" "worker_{index}" {{
  name         = "${{local.name_prefix}}-worker-{index}"
  machine_type = local.is_prod ? "n2-standard-{rng.choice((4, 8, 16))}" : "e2-medium"
  zone         = "europe-west1-{rng.choice("bcd")}"
  tags         = ["worker", "{rng.choice(SERVICES)}"]

  boot_disk {{
    initialize_params {{
      image = "debian-cloud/debian-12"
      size  = {rng.choice((20, 50, 100))}
    }}
  }}

  network_interface {{
    network = "default"
    access_config {{}}
  }}

  metadata = {{
    enable-oslogin = "TRUE"
  }}
}}

data "aws_vpc" "main_{index}" {{
  default = true
}}

resource "aws_security_group" "web_{index}" {{
  name   = "${{local.name_prefix}}-web-{index}"
  vpc_id = data.aws_vpc.main_{index}.id

  dynamic "ingress" {{
    for_each = var.ingress_ports
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.{index % 250}.0.0/16"]
    }}
  }}
}}
"""


def module_block(index: int, rng: random.Random) -> str:
    return f"""\
module "vpc_{index}" {{
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.{rng.randint(0, 8)}"

  name            = "${{local.name_prefix}}-vpc-{index}"
  cidr            = "10.{index % 250}.0.0/16"
  azs             = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  private_subnets = [for s in local.subnets : s.cidr]

  enable_nat_gateway = local.is_prod
  tags               = local.common_tags
}}

module "{rng.choice(SERVICES)}_service_{index}" {{
  source      = "../../modules/service"
  name        = "{rng.choice(SERVICES)}-{index}"
  replicas    = local.is_prod ? {rng.randint(2, 9)} : 1
  environment = var.environment
}}
"""


PROVIDERS_HEAD = """\
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 5.10"
    }
  }
  backend "s3" {
    bucket = "tf-state-example"
    key    = "services/terraform.tfstate"
    region = "eu-west-1"
  }
}
"""


def provider_block(index: int, rng: random.Random) -> str:
    region = rng.choice(("eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"))
    return (
        f'provider "aws" {{\n  alias  = "r{index}"\n  region = "{region}"\n\n'
        "  default_tags {\n    tags = local.common_tags\n  }\n}\n"
    )


FILE_KINDS: dict[str, tuple[str, Writer]] = {
    "variables": ("", variable_block),
    "locals": ("", locals_block),
    "main": ("", s3_block),
    "outputs": ("", output_block),
    "iam": ("", iam_block),
    "gcs": ("", gcs_block),
    "compute": ("", compute_block),
    "modules": ("", module_block),
    "providers": (PROVIDERS_HEAD, provider_block),
    "storage": ("", s3_block),
}


def tree_batch_file(directory: int, rng: random.Random) -> str:
    blocks = [
        'variable "batch_input_file_id" {\n  type    = string\n'
        f'  default = "{file_id(rng)}"\n}}\n',
        "locals {\n"
        f'  batch_metadata = {{ team = "{rng.choice(TEAMS)}", service = "svc-{directory}" }}\n'
        "}\n",
    ]
    for index in range(rng.randint(1, 3)):
        job = rng.choice(JOBS)
        blocks.append(
            f'resource "openai_batch" "{job}_{index}" {{\n'
            '  completion_window = "24h"\n'
            f'  endpoint          = "{rng.choice(ENDPOINTS)}"\n'
            "  input_file_id     = var.batch_input_file_id\n"
            f'  metadata          = merge(local.batch_metadata, {{ job = "{job}" }})\n'
            "}\n"
        )
    return "\n".join(blocks)


# -- (d) the batch input JSONL --------------------------------------------------------------------

PAD_WORDS = (*WORDS, "café", "naïve", "résumé", '"quoted"', "tab\there", "line\nbreak", "€")


INVALID_EVERY = 100
# Mistakes the API description refuses, one per invalid line in turn.
BODY_MISTAKES: tuple[dict[str, object], ...] = (
    {"temprature": 0.2},
    {"max_tokens": "100"},
    {"temperature": 3},
    {"n": 0},
)


def write_jsonl(
    path: Path, total: int, requests: int, rng: random.Random, invalid_every: int = 0
) -> int:
    """`requests` lines of exactly total // requests bytes each (newline included); with
    invalid_every, every invalid_every-th body has one of BODY_MISTAKES."""
    path.parent.mkdir(parents=True, exist_ok=True)
    width = total // requests - 1
    pool = " ".join(rng.choice(PAD_WORDS) for _ in range(20_000))
    while len(pool) < 2 * width:
        pool += " " + pool
    written = 0
    with path.open("wb") as out:
        for index in range(requests):
            start = rng.randrange(len(pool) - width)
            mistake = {}
            if invalid_every and index % invalid_every == invalid_every - 1:
                mistake = BODY_MISTAKES[index // invalid_every % len(BODY_MISTAKES)]
            padding, tokens = pool[start : start + width], rng.randint(50, 900)
            line = fitted_request(index, padding, width, tokens, mistake)
            out.write(line + b"\n")
            written += len(line) + 1
    return written


def request_line(
    index: int, padding: str, max_tokens: int, mistake: dict[str, object] | None = None
) -> bytes:
    body = {
        "model": "gpt-4o-mini",
        "messages": [
            {"role": "system", "content": "Summarise the customer ticket in one sentence."},
            {"role": "user", "content": padding},
        ],
        "max_tokens": max_tokens,
        "temperature": 0.2,
        **(mistake or {}),
    }
    request = {
        "custom_id": f"request-{index:06d}",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": body,
    }
    return json.dumps(request, ensure_ascii=False).encode()


def fitted_request(
    index: int, padding: str, width: int, max_tokens: int, mistake: dict[str, object] | None = None
) -> bytes:
    """Trim the padding until the line fits, then fill with ASCII to exactly `width` bytes."""
    line = request_line(index, padding, max_tokens, mistake)
    while len(line) > width and padding:
        padding = padding[: len(padding) - (len(line) - width)]  # a character is >= 1 byte
        line = request_line(index, padding, max_tokens, mistake)
    return request_line(index, padding + "x" * (width - len(line)), max_tokens, mistake)


# -- (e) the render spec --------------------------------------------------------------------------

SPEC_HEAD = """\
# Generated by bench/generate.py: {batches} batches for `tfgen render`.
version: 1
provider:
  source: stainless-sdks/openai
  version: "~> 0.0.1"
defaults:
  completion_window: 24h
  endpoint: /v1/chat/completions
  metadata: {{team: ml-platform, managed_by: tfgen}}
  output_expires_after: 7d
variables:
  input_file_id: {{type: string, description: requests uploaded by the pipeline}}
batches:
"""


def write_spec(path: Path, batches: int, rng: random.Random) -> None:
    lines = [SPEC_HEAD.format(batches=batches)]
    for index in range(batches):
        lines.append(spec_batch(index, rng))
    lines.append("lookups:\n")
    lines.extend(f"  previous_{i}: batch_{file_id(rng)[5:]}\n" for i in range(min(batches, 20)))
    lines.append("outputs: true\n")
    write_text(path, "".join(lines))
    write_jsonl(path.parent / "data" / "chat.jsonl", 20 * 1024, 10, rng)  # Corpus.spec_jsonl


def spec_batch(index: int, rng: random.Random) -> str:
    team, job = rng.choice(TEAMS), rng.choice(JOBS)
    lines = [f"  {team.replace('-', '_')}_{job}_{index:04d}:"]
    source = rng.random()
    if source < 0.02:
        lines.append("    input_file: data/chat.jsonl")
    elif source < 0.12:
        lines.append("    input_file_id: {expr: var.input_file_id}")
    else:
        lines.append(f"    input_file_id: {file_id(rng)}")
        if rng.random() < 0.5:
            lines.append(f"    endpoint: {rng.choice(ENDPOINTS)}")
    lines.append(f"    metadata: {{job: {job}-{index:04d}, owner: oncall-{team}}}")
    expiry = rng.random()
    if expiry < 0.3:
        lines.append(f"    output_expires_after: {rng.randint(1, 30)}d")
    elif expiry < 0.4:
        seconds = rng.randint(1, 720) * 3600
        lines.append(f"    output_expires_after: {{anchor: created_at, seconds: {seconds}}}")
    return "\n".join(lines) + "\n"


# -- command line ---------------------------------------------------------------------------------


def add_size_options(parser: argparse.ArgumentParser) -> None:
    """--quick, --tiny and --seed, for every script that generates the corpus."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    group.add_argument("--tiny", action="store_true", help="the sizes the tests use")
    parser.add_argument("--seed", type=int, default=SEED)


def chosen_sizes(args: argparse.Namespace) -> Sizes:
    return TINY if args.tiny else QUICK if args.quick else FULL


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write the corpus into")
    add_size_options(parser)
    args = parser.parse_args(argv)
    corpus = generate(args.out, chosen_sizes(args), args.seed)
    json.dump(corpus.manifest(), sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
