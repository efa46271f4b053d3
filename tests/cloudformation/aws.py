"""boto3 clients of the moto server."""

from functools import cache

import boto3


class Aws:
    """Makes boto3 clients that talk to the moto server at a URL, one per
    service and Region."""

    def __init__(self, endpoint_url: str):
        self.endpoint_url = endpoint_url
        self.client = cache(self._client)

    def _client(self, service: str, region: str):
        """A client of a service in a Region."""
        return boto3.client(
            service, region_name=region, endpoint_url=self.endpoint_url
        )
