"""Files in any S3-compatible bucket (R2, MinIO, AWS), for processes that share no disk.
Each tenant's files sit under its own prefix; boto3 is the client (well kept, speaks every
S3 dialect's signatures)."""

from __future__ import annotations

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from keloia.ports.files import StoredFile

from .keys import check_key


class S3FileStore:
    def __init__(self, endpoint: str, bucket: str, access_key: str, secret_key: str) -> None:
        self.bucket = bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            # Signed for us-east-1, which R2 and a default MinIO accept (the endpoint says where).
            region_name="us-east-1",
            config=Config(
                signature_version="s3v4",
                s3={"addressing_style": "path"},
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=5,
                read_timeout=30,
            ),
        )

    @staticmethod
    def _object(tenant_id: str, key: str) -> str:
        tenant, parts = check_key(tenant_id, key)
        return "/".join([tenant, *parts])

    def save(self, tenant_id: str, key: str, content: bytes, content_type: str) -> None:
        self.client.put_object(
            Bucket=self.bucket,
            Key=self._object(tenant_id, key),
            Body=content,
            ContentType=content_type,
        )

    def read(self, tenant_id: str, key: str) -> StoredFile | None:
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self._object(tenant_id, key))
        except ClientError as error:
            if _missing(error):
                return None
            raise
        return StoredFile(
            content=found["Body"].read(),
            content_type=found.get("ContentType") or "application/octet-stream",
        )

    def exists(self, tenant_id: str, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._object(tenant_id, key))
        except ClientError as error:
            if _missing(error):
                return False
            raise
        return True


def _missing(error: ClientError) -> bool:
    code = str(error.response.get("Error", {}).get("Code", ""))
    return code in {"404", "NoSuchKey", "NotFound"}
