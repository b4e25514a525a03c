"""moto's server (the pinned one in .venv) with two DynamoDB fixes Wrapup's tests rely on.

1. DynamoDB requests run one at a time. moto's backend changes items without locks, so two
   concurrent `ADD` updates of one item can lose an increment; DynamoDB never does. Other
   services (SQS long polls above all) stay concurrent.
2. `TransactWriteItems` backs up only the items it writes. moto deep-copies every table the
   transaction touches to roll back, which costs ~0.15 ms per item in the table: a transaction
   on a table of a few thousand items took hundreds of milliseconds.

Usage is moto_server's: `python scripts/moto_server.py -H 127.0.0.1 -p 5000`.
"""

import copy
import threading

from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler
from moto.server import main

_LOCK = threading.RLock()
_real_call_action = DynamoHandler.call_action


def _serialised_call_action(self):
    with _LOCK:
        return _real_call_action(self)


class _CopyWithoutTables:
    """Stands in for the `copy` module inside moto's DynamoDB backend: tables are not copied."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        if isinstance(value, Table):
            return value
        return copy.deepcopy(value, memo)


_real_transact_write_items = DynamoDBBackend.transact_write_items


def _key_of(backend, op_type, op):
    if op_type != "Put":
        return op["Key"]
    table = backend.get_table(op["TableName"])
    attrs = op["Item"]
    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = attrs[table.range_key_attr]
    return key


def _transact_write_items(self, transact_items):
    backups = []
    try:
        for entry in transact_items:
            op_type, op = next(iter(entry.items()))
            key = _key_of(self, op_type, op)
            old = self.get_item(op["TableName"], key)
            attrs = copy.deepcopy(old.to_json()["Attributes"]) if old is not None else None
            backups.append((op["TableName"], key, attrs))
    except Exception:
        # A malformed request: moto's own code reports it.
        return _real_transact_write_items(self, transact_items)
    try:
        return _real_transact_write_items(self, transact_items)
    except Exception:
        for table_name, key, attrs in reversed(backups):
            if attrs is None:
                if self.get_item(table_name, key) is not None:
                    self.delete_item(table_name, key)
            else:
                self.put_item(table_name, attrs)
        raise


def patch():
    DynamoHandler.call_action = _serialised_call_action
    dynamodb_models.copy = _CopyWithoutTables()
    DynamoDBBackend.transact_write_items = _transact_write_items


if __name__ == "__main__":
    patch()
    main()
