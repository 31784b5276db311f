resource "aws_s3_bucket" "records" {
  bucket = "claims-records"
}

resource "aws_db_instance" "claims" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = false
  backup_retention_period = 7
}
