# Claims archive: scanned claim forms in S3, claim metadata in PostgreSQL. Contains PHI.
# (Example module with deliberate HIPAA findings; storage.tf holds the bucket's split settings.)

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "encrypt_database" {
  type    = bool
  default = false
}

resource "aws_kms_key" "archive" {
  description         = "Encrypts the claims archive"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "claims" {
  bucket = "claims-archive-${var.environment}"
}

resource "aws_db_parameter_group" "claims" {
  name   = "claims-pg14"
  family = "postgres14"

  parameter {
    name  = "log_connections"
    value = "1"
  }
}

resource "aws_db_instance" "claims" {
  identifier              = "claims-metadata"
  engine                  = "postgres"
  engine_version          = "14.12"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 50
  username                = "claims"
  manage_master_user_password = true
  storage_encrypted       = var.encrypt_database
  parameter_group_name    = aws_db_parameter_group.claims.name
  backup_retention_period = 7
  publicly_accessible     = false
}

resource "aws_cloudwatch_log_group" "ingest" {
  name = "/claims/ingest"
}
